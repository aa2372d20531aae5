/** The words the pictures print around the data, in each served language (CJK with full-width punctuation). */
import type { Lang } from "../domain";

interface Words {
  timeline: string;
  /** Heading of the timeline's legend lines. */
  precision: string;
  certainty: string;
  precisions: Record<"year" | "month" | "day", string>;
  certainties: Record<"stated" | "relative" | "inferred", string>;
  statusChange: string;
  event: string;
  now: string;
  chosen: string;
  chart: string;
  vs: string;
  verdict: string;
  verdicts: Record<"within" | "exceeds" | "incomplete", string>;
  checkVerdicts: Record<"within" | "exceeds" | "no_data", string>;
  limit: string;
  reported: string;
  disagree: string;
  colon: string;
  /** Between two phrases: a spaced middle dot in English, the middle dot alone in CJK. */
  sep: string;
  warn: string;
  comma: string;
  semi: string;
  paren: (x: string) => string;
}

export const WORDS: Record<Lang, Words> = {
  en: {
    timeline: "Partnership timeline",
    precision: "Date precision (bar width)",
    certainty: "Date certainty (marker)",
    precisions: { year: "year", month: "month", day: "day" },
    certainties: { stated: "stated", relative: "relative (“recently”)", inferred: "inferred" },
    statusChange: "status change",
    event: "event",
    now: "now",
    chosen: "the partner chosen",
    chart: "Budget check",
    vs: "against",
    verdict: "Verdict",
    verdicts: { within: "within the limits", exceeds: "exceeds the limits", incomplete: "incomplete" },
    checkVerdicts: { within: "within the limit", exceeds: "over the limit", no_data: "no data" },
    limit: "limit",
    reported: "reported",
    disagree: "Figures disagree",
    colon: ": ",
    sep: " · ",
    warn: "⚠ ",
    comma: ", ",
    semi: "; ",
    paren: (x) => ` (${x})`,
  },
  ja: {
    timeline: "提携のタイムライン",
    precision: "日付の精度（帯の幅）",
    certainty: "日付の確かさ（印）",
    precisions: { year: "年", month: "月", day: "日" },
    certainties: { stated: "明記", relative: "相対（「最近」など）", inferred: "推定" },
    statusChange: "状態の変化",
    event: "出来事",
    now: "現在",
    chosen: "選ばれた提携先",
    chart: "予算チェック",
    vs: "対",
    verdict: "判定",
    verdicts: { within: "範囲内", exceeds: "超過", incomplete: "データ不足" },
    checkVerdicts: { within: "上限以内", exceeds: "上限超過", no_data: "データなし" },
    limit: "上限",
    reported: "報告値",
    disagree: "数値の不一致",
    colon: "：",
    sep: "・",
    warn: "⚠",
    comma: "、",
    semi: "；",
    paren: (x) => `（${x}）`,
  },
  zh: {
    timeline: "合作时间线",
    precision: "日期精度（条宽）",
    certainty: "日期确定性（标记）",
    precisions: { year: "年", month: "月", day: "日" },
    certainties: { stated: "明确", relative: "相对（如“最近”）", inferred: "推断" },
    statusChange: "状态变化",
    event: "事件",
    now: "当前",
    chosen: "选定的合作方",
    chart: "预算检查",
    vs: "对比",
    verdict: "结论",
    verdicts: { within: "符合", exceeds: "超出", incomplete: "数据不完整" },
    checkVerdicts: { within: "未超上限", exceeds: "超出上限", no_data: "无数据" },
    limit: "上限",
    reported: "报告值",
    disagree: "数值不一致",
    colon: "：",
    sep: "·",
    warn: "⚠",
    comma: "，",
    semi: "；",
    paren: (x) => `（${x}）`,
  },
  "zh-Hant": {
    timeline: "合作時間線",
    precision: "日期精度（條寬）",
    certainty: "日期確定性（標記）",
    precisions: { year: "年", month: "月", day: "日" },
    certainties: { stated: "明確", relative: "相對（如「最近」）", inferred: "推斷" },
    statusChange: "狀態變化",
    event: "事件",
    now: "目前",
    chosen: "選定的合作方",
    chart: "預算檢查",
    vs: "對比",
    verdict: "結論",
    verdicts: { within: "符合", exceeds: "超出", incomplete: "資料不完整" },
    checkVerdicts: { within: "未超上限", exceeds: "超出上限", no_data: "無資料" },
    limit: "上限",
    reported: "報告值",
    disagree: "數值不一致",
    colon: "：",
    sep: "·",
    warn: "⚠",
    comma: "，",
    semi: "；",
    paren: (x) => `（${x}）`,
  },
};
