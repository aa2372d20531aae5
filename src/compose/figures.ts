/** Composes figures: the typed number, its conditions, derivation and citation. */
import { evaluate } from "../dataset/formula";
import type { Lang } from "../dataset/schema";
import { Localizer } from "../lib/localize";
import { citationOf } from "./citation";
import { entityRef } from "./entities";
import { link, permalink, pinnedLink } from "./links";
import type { FigureRow, ReleaseRows } from "./rows";
import { citedSources } from "./sources";

/** What a figure measures, in each language. */
export const METRIC_NAMES: Record<FigureRow["metric"], Record<Lang, string>> = {
  parameter_count: { en: "parameter count", ja: "パラメータ数", zh: "参数量", "zh-Hant": "參數量" },
  memory_footprint: { en: "memory footprint", ja: "メモリ使用量", zh: "内存占用", "zh-Hant": "記憶體佔用" },
  first_inference_latency: {
    en: "first-inference latency",
    ja: "初回推論の遅延",
    zh: "首次推理延迟",
    "zh-Hant": "首次推理延遲",
  },
  market_share: { en: "market share", ja: "市場シェア", zh: "市场份额", "zh-Hant": "市場份額" },
  market_rank: { en: "market rank", ja: "市場順位", zh: "市场排名", "zh-Hant": "市場排名" },
  count: { en: "count", ja: "数", zh: "数量", "zh-Hant": "數量" },
  reduction: { en: "reduction", ja: "削減", zh: "降幅", "zh-Hant": "降幅" },
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
    return `${f.subject}の${metric}：${f.display}（${parts}）。`;
  }
  if (lang === "zh" || lang === "zh-Hant") {
    const parts = [...conditions, `截至${f.asOf}`].join("，");
    return `${f.subject}的${metric}：${f.display}（${parts}）。`;
  }
  const lead = `${metric.charAt(0).toUpperCase()}${metric.slice(1)}`;
  const cond = conditions.length ? `${conditions.join(", ")}; ` : "";
  return `${lead} of ${f.subject}: ${f.display} (${cond}as of ${f.asOf}).`;
}

export function composeFigure(rows: ReleaseRows, id: string, lang: Lang) {
  const row = rows.figure(id);
  const l = new Localizer(lang);
  const inputs = row.formula === null ? [] : rows.inputsOf(id);
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
    ...entityRef(l, "subject.name", { id: row.subjectId, type: row.subjectType, name: row.subjectName }),
    type: row.subjectType,
  };
  const display = l.text("display", row.display);
  const device =
    row.deviceId && row.deviceType && row.deviceName
      ? {
          ...entityRef(l, "conditions.device.name", { id: row.deviceId, type: row.deviceType, name: row.deviceName }),
          type: row.deviceType,
        }
      : null;
  const scope = l.text("conditions.scope", row.scope);
  const statement = figureStatement(lang, {
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
    sources: rows.citesOf("figure", id),
    story: row.storyId,
    href: link(`/v1/figures/${row.id}`),
    citation: citationOf(
      statement,
      permalink("figures", row.id),
      citedSources(rows, "figure", id, lang),
      lang,
      pinnedLink(rows.version, "figures", row.id),
    ),
    fallback: l.fallback,
  };
}

export type FigureDoc = ReturnType<typeof composeFigure>;

/** A figure document's one quotable sentence in `lang` (figureStatement over its served fields). */
export const figureDocStatement = (f: FigureDoc, lang: Lang) =>
  figureStatement(lang, {
    metric: f.metric,
    subject: f.subject.name,
    display: f.display,
    device: f.conditions.device?.name ?? null,
    precision: f.conditions.precision,
    scope: f.conditions.scope,
    asOf: f.as_of.value,
  });

/** The entities a figure refers to (subject and device), for `include=entities`. */
export const figureEntityIds = (f: FigureDoc) => [
  f.subject.id,
  ...(f.conditions.device ? [f.conditions.device.id] : []),
];
