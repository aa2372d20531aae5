/**
 * The dataset loader's YAML folding (scripts/lib/files.ts) and the text rules over the files as they are on disk.
 * YAML folds a line break into a space: right for English, wrong for Japanese and Chinese. The loader joins the
 * lines of ja/zh/quote/phrase values at CJK text without a space, and leaves everything else to YAML.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetFileError, loadDataset, parseDatasetYaml, ROOT } from "../../scripts/lib/files";
import { DATASET_KINDS } from "../../src/dataset/schema";
import { formatProblem } from "../../src/dataset/validate";

const first = (yaml: string) => (parseDatasetYaml(yaml) as Record<string, unknown>[])[0] as Record<string, unknown>;

describe("YAML folding never puts spaces into Japanese or Chinese", () => {
  it("joins a folded block's lines at CJK text, and keeps the space between Latin words", () => {
    const text = first(`
- summary:
    ja: >-
      Appleは中国で「Apple Intelligence」を実装するAIパートナーとしてアリババを選び、両社の共同開発は
      中国のサイバースペース規制当局の承認待ちである。2023年からの国産モデルのテスト、昨年のBaidu選定と
      その難航を経て、Apple
      Intelligenceの中国導入は2025年4月の見通し。
    zh: >
      苹果与阿里巴巴
      合作，在中国推出Apple
      Intelligence。
    en: >-
      Apple chose
      Alibaba.
`).summary;
    expect(text).toEqual({
      ja: "Appleは中国で「Apple Intelligence」を実装するAIパートナーとしてアリババを選び、両社の共同開発は中国のサイバースペース規制当局の承認待ちである。2023年からの国産モデルのテスト、昨年のBaidu選定とその難航を経て、Apple Intelligenceの中国導入は2025年4月の見通し。",
      zh: "苹果与阿里巴巴合作，在中国推出Apple Intelligence。\n",
      en: "Apple chose Alibaba.",
    });
  });

  it("joins multi-line plain and quoted scalars the same way, keeping escapes and paragraph breaks", () => {
    const record = first(`
- title: { ja: 両社の
    共同開発, zh: '苹果与
    阿里巴巴' }
  description:
    ja: "AppleとBaiduの
      協力に課題\\
      が生じた。

      2段落目。"
  quote: 両者が現在、関連する人工知能機能の共同開発を
    中国のサイバースペース規制当局に提出し
  phrase: 昨年
`);
    expect(record).toEqual({
      title: { ja: "両社の共同開発", zh: "苹果与阿里巴巴" },
      description: { ja: "AppleとBaiduの協力に課題が生じた。\n2段落目。" },
      quote: "両者が現在、関連する人工知能機能の共同開発を中国のサイバースペース規制当局に提出し",
      phrase: "昨年",
    });
  });

  it("leaves literal blocks, more-indented lines, other keys and spaces written on a line alone", () => {
    const record = first(`
- note:
    ja: |
      一行目
      二行目
    zh: >
      第一段
        缩进的行
      第二段
  en: >-
    see 硅基研究室
    and Kiki
  display: { ja: 両社の 共同開発 }
`);
    expect(record).toEqual({
      note: { ja: "一行目\n二行目\n", zh: "第一段\n  缩进的行\n第二段\n" },
      en: "see 硅基研究室 and Kiki",
      // A space written on one line is the author's: data:check reports it (space-between-cjk), the loader keeps it.
      display: { ja: "両社の 共同開発" },
    });
  });

  it("still reports a YAML error with its line", () => {
    expect(() => parseDatasetYaml("- id: x\n  text: [unclosed\n")).toThrow(/line \d+/);
    expect(DatasetFileError.prototype).toBeInstanceOf(Error);
  });
});

describe("the curated data as loaded from disk", () => {
  it("passes data:check, text rules included", () => {
    const result = loadDataset();
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it("writes its ja and zh texts on one line: no folded CJK text for the loader to repair", () => {
    const folded: string[] = [];
    for (const kind of DATASET_KINDS) {
      const lines = readFileSync(join(ROOT, "data", `${kind}.yaml`), "utf8").split("\n");
      lines.forEach((line, i) => {
        if (/^\s*(ja|zh):\s*[>|][-+]?\s*$/.test(line)) folded.push(`data/${kind}.yaml:${i + 1}: ${line.trim()}`);
      });
    }
    expect(folded).toEqual([]);
  });
});
