/**
 * Traditional Chinese (`zh-Hant`), derived at publish from the Simplified text by OpenCC (opencc-js), with
 * Taiwan's standard characters and phrasing (`cn` → `twp`: 软件 → 軟體, 内存 → 記憶體), and the quotation marks
 * Traditional Chinese uses (“” → 「」, ‘’ → 『』, applied with OpenCC's own custom dictionary). Publish-time only: the dictionaries are large, and the worker
 * serves what publishing stored, so nothing the worker imports may import this module (test/node/worker-graph.test.ts
 * keeps it so; the worker bundle is 848 KB with it kept out, 840 KB before zh-Hant).
 */
import { Converter, CustomConverter } from "opencc-js/cn2t";
import type { Dataset, Localized } from "./schema";

/** Names the converter in the release's content hash: another converter or dictionary is another release. */
export const HANT_CONVERTER = "opencc-js@1.4.2 cn→twp";

const convert = Converter({ from: "cn", to: "twp" });
/**
 * After OpenCC: the quotation marks Traditional Chinese uses, and the one Taiwan phrase that is wrong in this
 * dataset's subject: OpenCC's IT phrasing turns 参数 into 引數 (a function's argument), but a model's parameters
 * are 參數 in Taiwan too.
 */
const after = CustomConverter([
  ["“", "「"],
  ["”", "」"],
  ["‘", "『"],
  ["’", "』"],
  ["引數", "參數"],
]);

/** A Simplified Chinese text in Traditional Chinese, as Taiwan writes it. */
export function toHant(simplified: string): string {
  return after(convert(simplified));
}

const isLocalized = (x: object): x is Localized =>
  typeof (x as Localized).en === "string" && Object.keys(x).every((k) => k === "en" || k === "ja" || k === "zh");

/** A copy of `value` in which every localized text with a Simplified Chinese text also has its `zh-Hant` form. */
function derive<T>(value: T): T {
  if (Array.isArray(value)) return value.map(derive) as T;
  if (!value || typeof value !== "object") return value;
  if (isLocalized(value)) return (value.zh ? { ...value, "zh-Hant": toHant(value.zh) } : { ...value }) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, derive(v)])) as T;
}

/** The dataset as served: every localized text gains `zh-Hant`. */
export const withHant = (d: Dataset): Dataset => derive(d);
