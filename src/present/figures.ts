import type { Context } from "hono";
import { evaluate } from "../dataset/formula";
import type { Lang } from "../dataset/schema";
import type { AppEnv } from "../env";
import { type Citation, citationsFor, permalink } from "../lib/citation";
import { Localizer } from "../lib/localize";
import { absolute } from "../lib/urls";
import { type FigureRow, figuresByIds, inputsOf } from "../queries/figures";
import { entityRef } from "./entities";

/** What a figure measures, in each language. */
export const METRIC_NAMES: Record<FigureRow["metric"], Record<Lang, string>> = {
  parameter_count: { en: "parameter count", ja: "パラメータ数", zh: "参数量" },
  memory_footprint: { en: "memory footprint", ja: "メモリ使用量", zh: "内存占用" },
  first_inference_latency: { en: "first-inference latency", ja: "初回推論の遅延", zh: "首次推理延迟" },
  market_share: { en: "market share", ja: "市場シェア", zh: "市场份额" },
  market_rank: { en: "market rank", ja: "市場順位", zh: "市场排名" },
  count: { en: "count", ja: "数", zh: "数量" },
  reduction: { en: "reduction", ja: "削減", zh: "降幅" },
};

/**
 * A figure as one quotable sentence in `lang`: what it measures, of which subject, the display string, then
 * the conditions (device, precision, scope) and the as-of date. "Memory footprint of Qwen 2.2B pruned model:
 * 2.1 GB (iPhone 15 Pro, FP16; as of 2025-02)."
 */
export function figureStatement(
  lang: Lang,
  f: {
    metric: FigureRow["metric"];
    subject: string;
    display: string;
    device: string | null;
    precision: string | null;
    scope: string | null;
    asOf: string;
  },
) {
  const metric = METRIC_NAMES[f.metric]?.[lang] ?? f.metric.replaceAll("_", " ");
  const conditions = [f.device, f.precision, f.scope].filter((x): x is string => Boolean(x));
  if (lang === "ja") {
    const parts = [...conditions, `${f.asOf}時点`].join("、");
    return `${f.subject}の${metric}:${f.display}(${parts})。`;
  }
  if (lang === "zh") {
    const parts = [...conditions, `截至 ${f.asOf}`].join(",");
    return `${f.subject}的${metric}:${f.display}(${parts})。`;
  }
  const lead = `${metric.charAt(0).toUpperCase()}${metric.slice(1)}`;
  const cond = conditions.length ? `${conditions.join(", ")}; ` : "";
  return `${lead} of ${f.subject}: ${f.display} (${cond}as of ${f.asOf}).`;
}

type InputRow = Awaited<ReturnType<typeof inputsOf>>[number];

export function presentFigure(
  c: Context<AppEnv>,
  row: FigureRow,
  inputs: InputRow[],
  sources: string[],
  cite: (statement: string, link: string) => Citation,
) {
  const l = new Localizer(c.get("lang"));
  const derivation =
    row.formula === null
      ? null
      : {
          formula: row.formula,
          inputs: inputs.map((i) => ({ name: i.name, figure: i.inputId, value: i.value, unit: i.unit })),
          computed: evaluate(row.formula, Object.fromEntries(inputs.map((i) => [i.name, i.value]))),
          tolerance: row.tolerance ?? 0,
        };
  const subject = {
    ...entityRef(c, l, "subject.name", { id: row.subjectId, type: row.subjectType, name: row.subjectName }),
    type: row.subjectType,
  };
  const display = l.text("display", row.display);
  const device =
    row.deviceId && row.deviceType && row.deviceName
      ? {
          ...entityRef(c, l, "conditions.device.name", {
            id: row.deviceId,
            type: row.deviceType,
            name: row.deviceName,
          }),
          type: row.deviceType,
        }
      : null;
  const scope = l.text("conditions.scope", row.scope);
  const statement = figureStatement(l.lang, {
    metric: row.metric,
    subject: subject.name,
    display,
    device: device?.name ?? null,
    precision: row.precision,
    scope,
    asOf: row.asOf,
  });
  return {
    id: row.id,
    metric: row.metric,
    subject,
    value: row.value,
    unit: row.unit,
    display,
    kind: row.kind,
    conditions: { device, precision: row.precision, scope },
    as_of: { value: row.asOf, precision: row.asOfPrecision, certainty: row.asOfCertainty, phrase: null },
    quote: row.quote,
    derivation,
    note: l.text("note", row.note),
    sources,
    story: row.storyId,
    href: absolute(c, `/v1/figures/${row.id}`),
    citation: cite(statement, permalink(c, "figures", row.id)),
    fallback: l.fallback,
  };
}

export type FigureOut = ReturnType<typeof presentFigure>;

/**
 * Presents a page of figure rows with their citations: three queries (derivation inputs, citation ids, the
 * cited sources) whatever the page size. `sources` are the cited sources, by id (for `included.sources`).
 */
export async function presentFigurePage(c: Context<AppEnv>, rows: FigureRow[]) {
  if (rows.length === 0) return { data: [] as FigureOut[], sources: [] };
  const db = c.get("db");
  const release = c.get("release").version;
  const ids = rows.map((r) => r.id);
  const derived = rows.filter((r) => r.formula !== null).map((r) => r.id);
  const [inputs, cites] = await Promise.all([
    derived.length ? inputsOf(db, release, derived) : Promise.resolve([] as InputRow[]),
    citationsFor(c, "figure", ids),
  ]);
  const data = rows.map((row) =>
    presentFigure(
      c,
      row,
      inputs.filter((i) => i.figureId === row.id),
      cites.ids(row.id),
      (statement, link) => cites.citation(row.id, statement, link),
    ),
  );
  return { data, sources: cites.loaded };
}

/** Presents a page of figure rows (see presentFigurePage). */
export async function presentFigures(c: Context<AppEnv>, rows: FigureRow[]): Promise<FigureOut[]> {
  return (await presentFigurePage(c, rows)).data;
}

/** Full figure records for `included.figures`: three queries whatever the number of ids. */
export async function loadFigures(c: Context<AppEnv>, ids: Iterable<string>) {
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) return [];
  return presentFigures(c, await figuresByIds(c.get("db"), c.get("release").version, unique));
}

/** The entities a figure refers to (subject and device), for `include=entities`. */
export const figureEntityIds = (f: FigureOut) => [
  f.subject.id,
  ...(f.conditions.device ? [f.conditions.device.id] : []),
];
