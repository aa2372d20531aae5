/**
 * Language tags matched as BCP 47 says (RFC 5646, RFC 4647 lookup): case-insensitive; the primary language
 * picks en, ja or Chinese; for Chinese the script subtag decides (`Hans` Simplified, `Hant` Traditional), and
 * without one the region does (`TW`, `HK`, `MO` Traditional; `CN`, `SG`, `MY` and none Simplified). The same
 * matcher serves `?lang=` and each range of `Accept-Language`. `zh` is the served key of Simplified Chinese.
 */
import type { Lang } from "../dataset/schema";

const TRADITIONAL_REGIONS = new Set(["tw", "hk", "mo"]);

/** The served language a tag asks for, or null when it names none (`fr`, `*`, garbage). */
export function matchLang(tag: string | undefined): Lang | null {
  if (!tag) return null;
  const subtags = tag.trim().toLowerCase().split(/[-_]/);
  const [primary, ...rest] = subtags;
  if (!primary || !/^[a-z]{2,3}$/.test(primary)) return null;
  if (rest.some((s) => !/^[a-z0-9]{1,8}$/.test(s))) return null;
  if (primary === "en") return "en";
  if (primary === "ja") return "ja";
  if (primary !== "zh") return null;
  const script = rest.find((s) => s.length === 4 && /^[a-z]{4}$/.test(s));
  if (script === "hant") return "zh-Hant";
  if (script === "hans") return "zh";
  const region = rest.find((s) => s.length === 2 || /^\d{3}$/.test(s));
  return region && TRADITIONAL_REGIONS.has(region) ? "zh-Hant" : "zh";
}

/** The ranges of an Accept-Language header, best first (q-values honoured, ties in the order given, q=0 dropped). */
function ranges(header: string) {
  return header
    .split(",")
    .map((part, i) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("q="));
      return { range: range.trim(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.range !== "" && x.q > 0 && Number.isFinite(x.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
}

/** `?lang=` wins over Accept-Language (its best range that names a served language); default en. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  const asked = matchLang(query);
  if (asked) return asked;
  if (acceptLanguage) {
    for (const { range } of ranges(acceptLanguage)) {
      const hit = matchLang(range);
      if (hit) return hit;
    }
  }
  return "en";
}
