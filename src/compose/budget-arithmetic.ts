/**
 * The arithmetic of budget checks and weight-memory estimates, and their sentences in en / ja / zh.
 * Pure functions: the budget-check composer (at publish) and the estimate handler (per request) call them.
 */
import { type Lang, PRECISION_BITS, type Precision } from "../dataset/schema";
import type { Localizer } from "../lib/localize";
import type { FigureRow, LimitRow } from "./rows";

export const ESTIMATE_FORMULA =
  "parameters × bits ÷ 8 ÷ 10^9 = GB (weights only; activations and KV cache come on top)";

export const round = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

const fmt = (x: number) => String(round(x, 3));
const unique = (ids: string[]) => [...new Set(ids)];

/** 2.2e9 → "2.2B", 5e8 → "500M", 1.5e12 → "1.5T". */
export function compactCount(n: number): string {
  for (const [size, suffix] of [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ] as const) {
    if (n >= size) return `${Number((n / size).toPrecision(4))}${suffix}`;
  }
  return String(n);
}

const METRIC_LABELS: Record<string, Record<Lang, string>> = {
  memory_footprint: { en: "memory", ja: "メモリ", zh: "内存", "zh-Hant": "記憶體" },
  first_inference_latency: {
    en: "first-inference latency",
    ja: "最初の推論遅延",
    zh: "首次推理延迟",
    "zh-Hant": "首次推理延遲",
  },
  parameter_count: { en: "parameters", ja: "パラメータ数", zh: "参数量", "zh-Hant": "參數量" },
};
export const metricLabel = (metric: string, lang: Lang) => METRIC_LABELS[metric]?.[lang] ?? metric.replaceAll("_", " ");
const signed = (x: number) => `${x > 0 ? "+" : ""}${x}%`;

const KIND_RANK: Record<string, number> = { measured: 0, reported: 1 };
const specificity = (f: FigureRow) => (f.deviceId ? 2 : 0) + (f.precision ? 1 : 0);

/**
 * The model figure a limit is judged with: same metric and unit; measured before reported; then the most
 * specific (a device, a precision); then by id. Derived figures and limits are never used, only listed.
 */
export function pickFigure(figures: FigureRow[], limit: Pick<LimitRow, "metric" | "unit">) {
  const candidates = figures.filter((f) => f.metric === limit.metric && f.unit === limit.unit);
  const usable = candidates
    .filter((f) => f.kind in KIND_RANK)
    .sort(
      (a, b) =>
        (KIND_RANK[a.kind] ?? 9) - (KIND_RANK[b.kind] ?? 9) ||
        specificity(b) - specificity(a) ||
        a.id.localeCompare(b.id),
    );
  const used = usable[0] ?? null;
  return { used, others: candidates.filter((f) => f !== used).sort((a, b) => a.id.localeCompare(b.id)) };
}

/** A figure's device and precision (the conditions a reader needs), in the Localizer's language. */
export function conditionParts(f: FigureRow, l: Localizer): string[] {
  return [f.deviceName ? l.text("checks.conditions.device", f.deviceName) : null, f.precision].filter(
    (x): x is string => Boolean(x),
  );
}

/** A figure's device and precision, as " (iPhone 15 Pro, FP16)" in `lang`; "" when it has neither. */
export function conditionsOf(f: FigureRow, l: Localizer, lang: Lang): string {
  const parts = conditionParts(f, l);
  if (parts.length === 0) return "";
  return lang === "en"
    ? ` (${parts.join(", ")})`
    : lang === "ja"
      ? `（${parts.join("、")}）`
      : `（${parts.join("，")}）`;
}

export interface CheckInput {
  lang: Lang;
  l: Localizer;
  modelName: string;
  budgetName: string;
  limits: LimitRow[];
  /** The model's figures (every metric). */
  figures: FigureRow[];
  /** The budget's limit figures, by id. */
  limitFigures: Map<string, FigureRow>;
  /** Source ids of each figure. */
  cites: Map<string, string[]>;
}

export function checkBudget(input: CheckInput) {
  const { l, lang, cites } = input;
  const checks = input.limits.map((limit) => {
    const { used, others } = pickFigure(input.figures, limit);
    const citations = unique([...(used ? (cites.get(used.id) ?? []) : []), ...(cites.get(limit.figureId) ?? [])]);
    const otherFigures = others.map((f) => ({
      figure: f.id,
      kind: f.kind,
      value: f.value,
      unit: f.unit,
      display: l.text("checks.other_figures.display", f.display),
    }));
    const base = {
      metric: limit.metric,
      limit: { max: limit.max, unit: limit.unit, figure: limit.figureId },
      unit: limit.unit,
    };
    if (!used) {
      return {
        ...base,
        figure: null,
        display: null,
        value: null,
        difference: null,
        ratio: null,
        percent_over: null,
        verdict: "no_data" as const,
        other_figures: otherFigures,
        citations,
      };
    }
    const ratio = used.value / limit.max;
    return {
      ...base,
      figure: used.id,
      display: l.text("checks.display", used.display),
      value: used.value,
      difference: round(used.value - limit.max, 6),
      ratio: round(ratio, 4),
      percent_over: round((ratio - 1) * 100, 1),
      verdict: used.value <= limit.max ? ("within" as const) : ("exceeds" as const),
      other_figures: otherFigures,
      citations,
    };
  });

  const verdict = checks.some((x) => x.verdict === "exceeds")
    ? ("exceeds" as const)
    : checks.some((x) => x.verdict === "no_data")
      ? ("incomplete" as const)
      : ("within" as const);

  const parts = checks.map((x) => {
    const label = metricLabel(x.metric, lang);
    const limitFigure = input.limitFigures.get(x.limit.figure);
    const max = limitFigure ? l.text("checks.limit.display", limitFigure.display) : `≤ ${x.limit.max} ${x.limit.unit}`;
    if (x.value === null)
      return {
        en: `${label}: no data`,
        ja: `${label}：データなし`,
        zh: `${label}：无数据`,
        "zh-Hant": `${label}：無資料`,
      }[lang];
    const pct = signed(x.percent_over ?? 0);
    const used = input.figures.find((f) => f.id === x.figure);
    const cond = used ? conditionParts(used, l) : [];
    return {
      en: `${label} ${x.display}${cond.length ? ` (${cond.join(", ")})` : ""} vs ${max} (${pct})`,
      ja: `${label}${x.display}（${[...cond, `上限${max}`, pct].join("、")}）`,
      zh: `${label}${x.display}（${[...cond, `上限${max}`, pct].join("，")}）`,
      "zh-Hant": `${label}${x.display}（${[...cond, `上限${max}`, pct].join("，")}）`,
    }[lang];
  });
  const m = input.modelName;
  const b = input.budgetName;
  const summary = {
    en: {
      exceeds: `${m} exceeds ${b}: ${parts.join(", ")}.`,
      within: `${m} is within ${b}: ${parts.join(", ")}.`,
      incomplete: `${m} cannot be fully checked against ${b}: ${parts.join(", ")}.`,
    },
    ja: {
      exceeds: `${m}は${b}を超えています：${parts.join("、")}。`,
      within: `${m}は${b}の範囲内です：${parts.join("、")}。`,
      incomplete: `${m}は${b}に対してデータが不足しています：${parts.join("、")}。`,
    },
    zh: {
      exceeds: `${m}超出${b}：${parts.join("；")}。`,
      within: `${m}符合${b}：${parts.join("；")}。`,
      incomplete: `${m}相对${b}的数据不完整：${parts.join("；")}。`,
    },
    "zh-Hant": {
      exceeds: `${m}超出${b}：${parts.join("；")}。`,
      within: `${m}符合${b}：${parts.join("；")}。`,
      incomplete: `${m}相對${b}的資料不完整：${parts.join("；")}。`,
    },
  }[lang][verdict];

  return { verdict, summary, checks };
}

/**
 * Consistency notes: every memory figure (measured or reported, at a stated precision) below what the
 * model's parameter count needs for the weights alone at that precision.
 */
export function consistencyNotes(figures: FigureRow[], l: Localizer, lang: Lang) {
  const stated = (f: FigureRow) => f.kind === "measured" || f.kind === "reported";
  const counts = figures.filter((f) => f.metric === "parameter_count" && f.unit === "parameters" && stated(f));
  const memories = figures.filter(
    (f) => f.metric === "memory_footprint" && f.unit === "GB" && f.precision !== null && stated(f),
  );
  return counts.flatMap((count) =>
    memories.flatMap((memory) => {
      const precision = memory.precision as Precision;
      const bits = PRECISION_BITS[precision];
      const expected = round((count.value * bits) / 8 / 1e9, 3);
      if (memory.value >= expected) return [];
      const n = l.text("consistency.parameters", count.display);
      const e = fmt(expected);
      const r = fmt(memory.value);
      const message = {
        en: `${n} parameters at ${precision} (${bits} bits each) need about ${e} GB for the weights alone, yet ${r} GB is reported (${memory.id}). The figures disagree.`,
        ja: `${n}パラメータを${precision}（1パラメータ${bits}ビット）で保持すると重みだけで約${e}GBが必要ですが、報告値は${r}GBです（${memory.id}）。数値が矛盾しています。`,
        zh: `${n}参数以${precision}（每个${bits}位）存储，仅权重就需要约${e}GB，但报告值为${r}GB（${memory.id}）。数据相互矛盾。`,
        "zh-Hant": `${n}參數以${precision}（每個${bits}位）儲存，僅權重就需要約${e}GB，但報告值為${r}GB（${memory.id}）。資料相互矛盾。`,
      }[lang];
      return [
        {
          code: "memory_below_weight_estimate" as const,
          message,
          figures: [count.id, memory.id],
          precision,
          expected_gb: expected,
          reported_gb: memory.value,
        },
      ];
    }),
  );
}

/** Weight memory for a parameter count and bits per weight, against a memory limit. */
export function estimate(
  input: { parameters: number; bits: number; precision: Precision | null },
  limit: { max: number },
  budgetName: string,
  lang: Lang,
) {
  const exact = (input.parameters * input.bits) / 8 / 1e9;
  const gb = round(exact, 3);
  const verdict = exact <= limit.max ? ("within" as const) : ("exceeds" as const);
  const n = compactCount(input.parameters);
  const p = input.precision;
  const bits = input.bits;
  const b = budgetName;
  const summary = {
    en: {
      exceeds: `${n} parameters at ${p ?? `${bits} bits`} need about ${gb} GB for the weights alone, over the ${limit.max} GB memory limit of “${b}” (activations and KV cache come on top).`,
      within: `${n} parameters at ${p ?? `${bits} bits`} need about ${gb} GB for the weights alone, within the ${limit.max} GB memory limit of “${b}” (activations and KV cache come on top).`,
    },
    ja: {
      exceeds: `${n}パラメータを${p ?? `${bits}ビット`}で保持すると重みだけで約${gb}GBとなり、「${b}」のメモリ上限${limit.max}GBを超えます（活性化とKVキャッシュは別途必要）。`,
      within: `${n}パラメータを${p ?? `${bits}ビット`}で保持すると重みだけで約${gb}GBとなり、「${b}」のメモリ上限${limit.max}GB以内です（活性化とKVキャッシュは別途必要）。`,
    },
    zh: {
      exceeds: `${n}参数以${p ?? `每参数${bits}位`}存储，仅权重就需要约${gb}GB，超出“${b}”的${limit.max}GB内存上限（激活值和KV缓存另计）。`,
      within: `${n}参数以${p ?? `每参数${bits}位`}存储，仅权重就需要约${gb}GB，在“${b}”的${limit.max}GB内存上限之内（激活值和KV缓存另计）。`,
    },
    "zh-Hant": {
      exceeds: `${n}參數以${p ?? `每參數${bits}位`}儲存，僅權重就需要約${gb}GB，超出「${b}」的${limit.max}GB記憶體上限（激活值和KV快取另計）。`,
      within: `${n}參數以${p ?? `每參數${bits}位`}儲存，僅權重就需要約${gb}GB，在「${b}」的${limit.max}GB記憶體上限之內（激活值和KV快取另計）。`,
    },
  }[lang][verdict];
  return {
    parameters: input.parameters,
    bits: input.bits,
    precision: input.precision,
    bytes_per_parameter: input.bits / 8,
    weight_memory_gb: gb,
    formula: ESTIMATE_FORMULA,
    difference_gb: round(exact - limit.max, 3),
    ratio: round(exact / limit.max, 4),
    verdict,
    summary,
  };
}
