/**
 * The budget check and the weight-memory estimate in text/plain and text/markdown, in every served language: the
 * summary sentence with its sources named (author, publisher, date) and a link to the answer. Chinese and Japanese
 * use full-width punctuation and no space next to CJK text.
 */
import type { Context } from "hono";
import { metricLabel } from "../../compose/budget-arithmetic";
import { citationOf } from "../../compose/citation";
import { link } from "../../compose/links";
import type { SourceDoc as SourceOut } from "../../compose/sources";
import type { Lang } from "../../dataset/schema";
import type { AppEnv } from "../../env";
import { absolute } from "../../lib/urls";

/** The answer's own URL without `format`: what a quoted check or estimate links to. */
export function answerLink(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  url.searchParams.delete("format");
  const query = url.searchParams.toString();
  return absolute(c, `${url.pathname}${query ? `?${query}` : ""}`);
}

const WORDS = {
  en: {
    metric: "Metric",
    model: "Model",
    limit: "Limit",
    over: "Over the limit",
    verdict: "Verdict",
    verdicts: { within: "within", exceeds: "exceeds", no_data: "no data" },
    noData: "no data",
    formula: "Formula",
    weights: "Weights",
    warning: "Figures disagree",
    colon: ": ",
    between: " · ",
    space: " ",
  },
  ja: {
    metric: "指標",
    model: "モデル",
    limit: "上限",
    over: "超過",
    verdict: "判定",
    verdicts: { within: "範囲内", exceeds: "超過", no_data: "データなし" },
    noData: "データなし",
    formula: "計算式",
    weights: "重み",
    warning: "数値の矛盾",
    colon: "：",
    between: "；",
    space: "",
  },
  zh: {
    metric: "指标",
    model: "模型",
    limit: "上限",
    over: "超出",
    verdict: "结论",
    verdicts: { within: "符合", exceeds: "超出", no_data: "无数据" },
    noData: "无数据",
    formula: "公式",
    weights: "权重",
    warning: "数据矛盾",
    colon: "：",
    between: "；",
    space: "",
  },
  "zh-Hant": {
    metric: "指標",
    model: "模型",
    limit: "上限",
    over: "超出",
    verdict: "結論",
    verdicts: { within: "符合", exceeds: "超出", no_data: "無資料" },
    noData: "無資料",
    formula: "公式",
    weights: "權重",
    warning: "資料矛盾",
    colon: "：",
    between: "；",
    space: "",
  },
} as const;

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");
const signed = (x: number) => `${x > 0 ? "+" : ""}${x}%`;

interface CheckView {
  summary: string;
  checks: {
    metric: string;
    figure: string | null;
    display: string | null;
    percent_over: number | null;
    verdict: "within" | "exceeds" | "no_data";
    limit: { figure: string; max: number; unit: string };
  }[];
  consistency: { message: string }[];
}

/** text/plain: the summary, any disagreement between figures, the sources and the link, on one line. */
export function checkText(lang: Lang, answer: string, data: CheckView, sources: SourceOut[]): string {
  const said = [data.summary, ...data.consistency.map((n) => n.message)].join(WORDS[lang].space);
  return `${citationOf(said, answer, sources, lang).text}\n`;
}

/**
 * text/markdown: the summary in bold, a table of the checks (the model's figure with its conditions
 * against each limit, linked to both figures), the consistency notes, then the sources and the link.
 */
export function checkMarkdown(
  lang: Lang,
  answer: string,
  data: CheckView,
  sources: SourceOut[],
  conditions: (figureId: string) => string,
  limitDisplay: (figureId: string) => string | null,
): string {
  const w = WORDS[lang];
  const figureLink = (id: string, label: string) => `[${cell(label)}](${link(`/v1/figures/${id}`)})`;
  const rows = data.checks.map((x) => {
    const used = x.figure && x.display ? `${figureLink(x.figure, x.display)}${cell(conditions(x.figure))}` : w.noData;
    const limit = figureLink(x.limit.figure, limitDisplay(x.limit.figure) ?? `≤ ${x.limit.max} ${x.limit.unit}`);
    const over = x.percent_over === null ? "—" : signed(x.percent_over);
    return `| ${cell(metricLabel(x.metric, lang))} | ${used} | ${limit} | ${over} | ${w.verdicts[x.verdict]} |`;
  });
  const table = [
    `| ${w.metric} | ${w.model} | ${w.limit} | ${w.over} | ${w.verdict} |`,
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
  const notes = data.consistency
    .map((n) => `> **${w.warning}${w.colon.trimEnd()}**${w.space}${n.message}`)
    .join("\n>\n");
  const cited = citationOf(data.summary, answer, sources, lang).markdown;
  // The citation's Markdown starts with the statement as a quote; the answer leads with it in bold instead.
  const credits = cited.slice(cited.indexOf("\n\n") + 2);
  return [`**${data.summary}**`, table, ...(notes ? [notes] : []), credits].join("\n\n").concat("\n");
}

interface EstimateView {
  summary: string;
  formula: string;
  weight_memory_gb: number;
  budget: { max: number; unit: string; href: string; name: string };
  verdict: "within" | "exceeds";
}

/** text/plain: the estimate's sentence with the source of the limit and the link. */
export function estimateText(lang: Lang, answer: string, data: EstimateView, sources: SourceOut[]): string {
  return `${citationOf(data.summary, answer, sources, lang).text}\n`;
}

/** text/markdown: the sentence in bold, the formula and the numbers, the source of the limit and the link. */
export function estimateMarkdown(lang: Lang, answer: string, data: EstimateView, sources: SourceOut[]): string {
  const w = WORDS[lang];
  const cited = citationOf(data.summary, answer, sources, lang).markdown;
  const credits = cited.slice(cited.indexOf("\n\n") + 2);
  const lines = [
    `- ${w.formula}${w.colon}\`${data.formula}\``,
    `- ${w.weights}${w.colon}${data.weight_memory_gb}${w.space}GB${w.between}${w.limit}${w.colon}[${cell(data.budget.name)}](${data.budget.href}) ≤ ${data.budget.max}${w.space}${data.budget.unit}${w.between}${w.verdict}${w.colon}${w.verdicts[data.verdict]}`,
  ].join("\n");
  return [`**${data.summary}**`, lines, credits].join("\n\n").concat("\n");
}
