import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { evaluate, FormulaError } from "../src/dataset/formula";
import type { DatasetKind } from "../src/dataset/schema";
import { formatProblem, validateDataset } from "../src/dataset/validate";

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
