import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { evaluate, FormulaError } from "../src/dataset/formula";
import type { DatasetKind } from "../src/dataset/schema";
import { formatProblem, TEXT_RULES, validateDataset } from "../src/dataset/validate";

type Files = Partial<Record<DatasetKind, Record<string, unknown>[]>>;

/** A fresh copy of the real files with one change applied. */
function mutate(change: (files: Files) => void): Files {
  const files = structuredClone(env.TEST_DATASET_FILES) as Files;
  change(files);
  return files;
}

const first = (files: Files, kind: DatasetKind, where: (r: Record<string, unknown>) => boolean = () => true) => {
  const record = files[kind]?.find(where);
  if (!record) throw new Error(`no ${kind} record to mutate`);
  return record;
};

function problemsOf(files: Files) {
  const result = validateDataset(files, env.TEST_ARTICLE);
  if (result.ok) throw new Error("expected the data to be rejected");
  return result.problems.map(formatProblem);
}

describe("dataset validation (npm run data:check)", () => {
  it("accepts the curated data", () => {
    const result = validateDataset(env.TEST_DATASET_FILES, env.TEST_ARTICLE);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it("names the file, record and field of a bad enum value", () => {
    const files = mutate((f) => {
      first(f, "entities").type = "company";
    });
    const id = first(files, "entities").id;
    expect(problemsOf(files)).toEqual([
      expect.stringMatching(new RegExp(`^data/entities\\.yaml: record ${id}, field type: Invalid option`)),
    ]);
  });

  it("requires provenance: a fact without sources is rejected", () => {
    const files = mutate((f) => {
      first(f, "facts").sources = [];
    });
    const id = first(files, "facts").id;
    expect(problemsOf(files)).toEqual([expect.stringContaining(`data/facts.yaml: record ${id}, field sources:`)]);
  });

  it("rejects a quote the article does not contain", () => {
    const files = mutate((f) => {
      first(f, "events").quote = "この文は記事にはありません。";
    });
    const id = first(files, "events").id;
    expect(problemsOf(files)).toEqual([
      `data/events.yaml: record ${id}, field quote: quote does not occur verbatim in the article`,
    ]);
  });

  it("rejects duplicate ids", () => {
    const files = mutate((f) => {
      f.facts?.push(structuredClone(first(f, "facts")));
    });
    const id = first(files, "facts").id;
    expect(problemsOf(files)).toEqual([`data/facts.yaml: record ${id}, field id: duplicate id "${id}"`]);
  });

  it("checks referential integrity", () => {
    const files = mutate((f) => {
      first(f, "figures").subject = "no-such-entity";
      first(f, "facts").sources = ["no-such-source"];
      first(f, "events").partnership = "no-such-partnership";
    });
    const [figure, fact, event] = [first(files, "figures").id, first(files, "facts").id, first(files, "events").id];
    expect(problemsOf(files).sort()).toEqual(
      [
        `data/figures.yaml: record ${figure}, field subject: unknown entity "no-such-entity"`,
        `data/facts.yaml: record ${fact}, field sources[0]: unknown source "no-such-source"`,
        `data/events.yaml: record ${event}, field partnership: unknown partnership "no-such-partnership"`,
      ].sort(),
    );
  });

  it("checks a derived figure against its formula (the 68% reduction from 7B to 2.2B)", () => {
    const files = mutate((f) => {
      first(f, "figures", (r) => r.kind === "derived" && r.unit === "percent").value = 75;
    });
    const id = first(files, "figures", (r) => r.kind === "derived" && r.unit === "percent").id;
    expect(problemsOf(files)).toEqual([
      `data/figures.yaml: record ${id}, field value: stated 75 but the formula gives 68.571 (tolerance 1)`,
    ]);
  });

  it("checks that a budget limit agrees with the figure it is read from", () => {
    const files = mutate((f) => {
      const limits = first(f, "budgets").limits as { max: number }[];
      (limits[0] as { max: number }).max = 2;
    });
    expect(problemsOf(files)).toEqual([
      expect.stringMatching(/^data\/budgets\.yaml: record .+, field limits\[0\]: limit 2 /),
    ]);
  });

  it("rejects a percentage above 100 and a relative date without its phrase", () => {
    const files = mutate((f) => {
      const share = first(f, "figures", (r) => r.unit === "percent" && r.kind !== "derived");
      share.value = 117;
      const relative = first(f, "events", (r) => r.certainty === "relative");
      delete relative.phrase;
    });
    const share = first(files, "figures", (r) => r.unit === "percent" && r.kind !== "derived").id;
    const relative = first(files, "events", (r) => r.certainty === "relative").id;
    expect(problemsOf(files).sort()).toEqual(
      [
        `data/figures.yaml: record ${share}, field value: a percentage must be between 0 and 100`,
        `data/events.yaml: record ${relative}, field phrase: a relative date needs the article's phrase`,
      ].sort(),
    );
  });

  it("reports a missing file and a file that is not a list", () => {
    const files = mutate((f) => {
      delete f.budgets;
      (f as Record<string, unknown>).events = { not: "a list" };
    });
    expect(problemsOf(files)).toEqual([
      "data/budgets.yaml: record -: file is missing or empty",
      "data/events.yaml: record -: must be a YAML list of records",
    ]);
  });
});

describe("text rules (npm run data:check): every text quotable on its own, in every language it claims", () => {
  type Text = Record<string, string>;
  const entity = (f: Files, id: string) => first(f, "entities", (r) => r.id === id);
  const event = (f: Files, id: string) => first(f, "events", (r) => r.id === id);
  const partnership = (f: Files, id: string) => first(f, "partnerships", (r) => r.id === id);

  it("names every rule in the problem line", () => {
    expect(TEXT_RULES).toEqual([
      "missing-language",
      "ascii-punctuation-in-cjk",
      "space-between-cjk",
      "fullwidth-alphanumeric",
      "compatibility-character",
      "dangling-opener",
      "mistranslated-name",
    ]);
  });

  it("missing-language: a localized text lacks ja or zh, wherever it sits in the record", () => {
    const files = mutate((f) => {
      delete (entity(f, "baidu").description as Text).zh;
      const relations = entity(f, "apple").relations as { note: Text }[];
      delete relations[0]?.note.ja;
      delete relations[0]?.note.zh;
      delete (partnership(f, "apple-baidu-apple-intelligence-china").reasons as { text: Text }[])[0]?.text.ja;
    });
    expect(problemsOf(files).sort()).toEqual(
      [
        'data/entities.yaml: record baidu, field description: missing-language: no zh text for "Chinese search and AI company; per The Information, Apple ch…"',
        'data/entities.yaml: record apple, field relations[0].note: missing-language: no ja, zh text for "Alibaba is Apple\'s AI partner for Apple Intelligence in Chin…"',
        `data/partnerships.yaml: record apple-baidu-apple-intelligence-china, field reasons[0].text: missing-language: no ja text for "The progress of Baidu's model development for Apple Intellig…"`,
      ].sort(),
    );
  });

  it("ascii-punctuation-in-cjk: ASCII marks touching CJK text, parentheses as a pair; decimals and Latin names pass", () => {
    const files = mutate((f) => {
      (event(f, "apple-evaluates-deepseek").description as Text).ja = "AppleはDeepSeekを検討した(2025年).";
      (event(f, "apple-abandons-deepseek").description as Text).zh = "苹果放弃了与DeepSeek团队的合作,文章未给出日期。";
      (event(f, "apple-abandons-deepseek").title as Text).ja = "約4.4GB(FP16の重み)";
      // A decimal point and a Latin name with its space are fine.
      (event(f, "apple-selects-baidu-main-partner").title as Text).ja = "Appleが「Apple Intelligence」で1.5GBを選択";
      (event(f, "apple-selects-baidu-main-partner").description as Text).zh = '苹果说:"Apple Intelligence"。';
    });
    expect(problemsOf(files).sort()).toEqual(
      [
        'data/events.yaml: record apple-evaluates-deepseek, field description.ja: ascii-punctuation-in-cjk: ASCII "(" in CJK text (write （): "…eepSeekを検討した(2025年)." (and 1 more)',
        'data/events.yaml: record apple-abandons-deepseek, field description.zh: ascii-punctuation-in-cjk: ASCII "," in CJK text (write ，): "…eepSeek团队的合作,文章未给出日期。"',
        'data/events.yaml: record apple-abandons-deepseek, field title.ja: ascii-punctuation-in-cjk: ASCII "(" in CJK text (write （): "約4.4GB(FP16の重み)" (and 1 more)',
        'data/events.yaml: record apple-selects-baidu-main-partner, field description.zh: ascii-punctuation-in-cjk: ASCII ":" in CJK text (write ：): "苹果说:"Apple Intel…" (and 1 more)',
      ].sort(),
    );
  });

  it("space-between-cjk: a space between two CJK characters, or between CJK and Latin or digits", () => {
    const files = mutate((f) => {
      (partnership(f, "apple-alibaba-apple-intelligence-china").summary as Text).ja =
        "両社の共同開発は 中国の当局の承認待ちである。";
      (event(f, "apple-evaluates-deepseek").description as Text).zh = "苹果也曾考虑 DeepSeek。";
      (event(f, "apple-abandons-deepseek").description as Text).ja =
        "Appleは最終的にDeepSeekとの協力を断念した（2025年 2月）。";
      // Latin words keep their spaces.
      (event(f, "apple-selects-baidu-main-partner").description as Text).ja =
        "iPhone 15 ProでApple Intelligenceを使う。";
    });
    expect(problemsOf(files).sort()).toEqual(
      [
        'data/partnerships.yaml: record apple-alibaba-apple-intelligence-china, field summary.ja: space-between-cjk: whitespace next to CJK text: "両社の共同開発は 中国の当局の承認待ちであ…"',
        'data/events.yaml: record apple-evaluates-deepseek, field description.zh: space-between-cjk: whitespace next to CJK text: "苹果也曾考虑 DeepSeek。"',
        'data/events.yaml: record apple-abandons-deepseek, field description.ja: space-between-cjk: whitespace next to CJK text: "…力を断念した（2025年 2月）。"',
      ].sort(),
    );
  });

  it("fullwidth-alphanumeric: digits and Latin letters are half-width in ja and zh", () => {
    const files = mutate((f) => {
      (event(f, "apple-selects-baidu-main-partner").description as Text).ja = "Appleは２０２４年にＢａｉｄｕを選んだ。";
    });
    expect(problemsOf(files)).toEqual([
      'data/events.yaml: record apple-selects-baidu-main-partner, field description.ja: fullwidth-alphanumeric: full-width digits or letters (write half-width): "Appleは２０２４年にＢａｉｄｕを選…" (and 8 more)',
    ]);
  });

  it("compatibility-character: letters, digits and marks in their standard (NFKC) form, in every language", () => {
    const files = mutate((f) => {
      // Half-width katakana, a ligature, a circled digit; a decomposed é (e + U+0301, which NFKC composes).
      (event(f, "apple-selects-baidu-main-partner").description as Text).ja = "AppleはBaiduをｸﾗｳﾄﾞの相手に選んだ。";
      (event(f, "apple-evaluates-deepseek").description as Text).en =
        "Apple also considered DeepSeek as a ﬁrst option ①.";
      (event(f, "apple-abandons-deepseek").description as Text).en =
        "Apple abandoned the DeepSeek caf\u0065\u0301 plan.";
      // Full-width Latin has its own rule, CJK punctuation is not a letter, and exponents are written as such.
      (event(f, "apple-selects-baidu-main-partner").title as Text).en = "Apple weighs 2.2 × 10⁹ parameters";
      (event(f, "apple-evaluates-deepseek").description as Text).zh = "苹果也曾考虑ＤｅｅｐＳｅｅｋ。";
    });
    expect(problemsOf(files).sort()).toEqual(
      [
        'data/events.yaml: record apple-selects-baidu-main-partner, field description.ja: compatibility-character: a compatibility character (write its standard form): "AppleはBaiduをｸﾗｳﾄﾞの相手に選んだ。" (and 4 more)',
        'data/events.yaml: record apple-evaluates-deepseek, field description.en: compatibility-character: a compatibility character (write its standard form): "…epSeek as a ﬁrst option ①…" (and 1 more)',
        'data/events.yaml: record apple-abandons-deepseek, field description.en: compatibility-character: a compatibility character (write its standard form): "…eepSeek cafe\u0301 plan."',
        'data/events.yaml: record apple-evaluates-deepseek, field description.zh: fullwidth-alphanumeric: full-width digits or letters (write half-width): "苹果也曾考虑ＤｅｅｐＳｅｅｋ。" (and 7 more)',
      ].sort(),
    );
  });

  it("dangling-opener: a text opening with a reference the reader never saw, per language; names are labels", () => {
    const files = mutate((f) => {
      const e = event(f, "apple-evaluates-deepseek");
      e.description = {
        en: "This shows Apple also considered DeepSeek.",
        ja: "その後、AppleはDeepSeekも検討した。",
        zh: "此外，苹果也曾考虑DeepSeek。",
      };
      (first(f, "facts").text as Text).en = "The second is growing its share of the cloud-computing market.";
      const [reason] = partnership(f, "apple-tencent-ai-partner-not-pursued").reasons as { text: Text }[];
      if (!reason) throw new Error("the partnership has no reason to break");
      reason.text.en = "Finally, ecosystem understanding.";
      // Not openers: "Thistle" is not "This", "Second-largest" is not "Second", and names are labels.
      (event(f, "apple-abandons-deepseek").description as Text).en = "Thistle is not a dangling opener.";
      (event(f, "apple-selects-baidu-main-partner").description as Text).en = "Second-largest share: not an opener.";
      (entity(f, "apple").name as Text).en = "These";
    });
    const fact = first(files, "facts").id;
    expect(problemsOf(files).sort()).toEqual(
      [
        'data/events.yaml: record apple-evaluates-deepseek, field description.en: dangling-opener: opens with "This", a reference to something the reader never saw; name the subject: "This shows Apple also considered DeepSeek."',
        'data/events.yaml: record apple-evaluates-deepseek, field description.ja: dangling-opener: opens with "その", a reference to something the reader never saw; name the subject: "その後、AppleはDeepSeekも検討した。"',
        'data/events.yaml: record apple-evaluates-deepseek, field description.zh: dangling-opener: opens with "此外", a reference to something the reader never saw; name the subject: "此外，苹果也曾考虑DeepSeek。"',
        `data/facts.yaml: record ${fact}, field text.en: dangling-opener: opens with "The second", a reference to something the reader never saw; name the subject: "The second is growing its share of the cloud-computing marke…"`,
        'data/partnerships.yaml: record apple-tencent-ai-partner-not-pursued, field reasons[0].text.en: dangling-opener: opens with "Finally", a reference to something the reader never saw; name the subject: "Finally, ecosystem understanding."',
      ].sort(),
    );
  });

  it("mistranslated-name: a name marked as a mistranslation alias appears in no served text but its alias (quotes stay verbatim)", () => {
    // The real data keeps the article's mistakes in quotes (マー・ヤン, 通意千問, Bacchus Intelligence) and passes.
    const quotes = (env.TEST_DATASET_FILES.events as { quote: string }[]).map((e) => e.quote).join("");
    for (const name of ["マー・ヤン", "通意千問", "Bacchus Intelligence"]) expect(quotes).toContain(name);
    const files = mutate((f) => {
      (event(f, "jack-ma-appears-hangzhou-campus").description as Text).ja =
        "アリババの創業者マー・ヤンが杭州キャンパスに現れた。";
      (partnership(f, "apple-baichuan-ai-partner-rumour").summary as Text).en =
        "bacchus intelligence was rumoured as Apple's AI partner.";
      // A legitimate alias (マー・ユン, the article's other spelling) is fine.
      (event(f, "jack-ma-meets-tim-cook-2014").title as Text).ja = "マー・ユンとティム・クックの初対面";
      // A word merely containing a mistaken Latin name is not the name.
      (event(f, "apple-evaluates-deepseek").description as Text).en = "Notbacchus Intelligencer is a made-up word.";
    });
    expect(problemsOf(files).sort()).toEqual(
      [
        'data/events.yaml: record jack-ma-appears-hangzhou-campus, field description.ja: mistranslated-name: "マー・ヤン" is a mistranslation (alias of entity jack-ma); write "ジャック・マー（馬雲）": "アリババの創業者マー・ヤンが杭州キャンパスに現れた…"',
        `data/partnerships.yaml: record apple-baichuan-ai-partner-rumour, field summary.en: mistranslated-name: "Bacchus Intelligence" is a mistranslation (alias of entity baichuan-ai); write "Baichuan Intelligence": "bacchus intelligence was rumoure…"`,
      ].sort(),
    );
  });

  it("marks the glossary's mistaken names, and only those, as mistranslations", () => {
    const entities = env.TEST_DATASET.entities;
    const marked = entities.flatMap((e) => e.aliases.filter((a) => a.mistranslation).map((a) => `${e.id}: ${a.text}`));
    expect(marked.sort()).toEqual(
      [
        "baichuan-ai: Bacchus Intelligence",
        "doubao: バイトビーンズ",
        "jack-ma: マー・ヤン",
        "moonshot-ai: Dark Side of the Moon",
        "qwen: 通意千問",
        "qwen: 通言大規模モデル",
        "silicon-based-lab: シリコン基礎研究室",
      ].sort(),
    );
  });
});

describe("formula evaluation", () => {
  it("computes with names, numbers, precedence and parentheses", () => {
    expect(evaluate("(before - after) / before * 100", { before: 7e9, after: 2.2e9 })).toBeCloseTo(68.5714, 3);
    expect(evaluate("parameters * 16 / 8 / 1e9", { parameters: 2.2e9 })).toBeCloseTo(4.4, 9);
    expect(evaluate("-a + 2 * (3 - 1)", { a: 1 })).toBe(3);
  });

  it("refuses anything but arithmetic", () => {
    for (const bad of ["a; process.exit()", "a ** 2", "unknown * 2", "(1 + 2", "1 / 0"]) {
      expect(() => evaluate(bad, { a: 1 })).toThrow(FormulaError);
    }
  });
});
