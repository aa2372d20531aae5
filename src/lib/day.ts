/** The fact of the day: which fact serves on a UTC day, and until when. */

/** FNV-1a (32 bits) of a string: a small, stable hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Which of `count` facts (ordered by id) is the fact of the UTC day `day` (YYYY-MM-DD). */
export const factOfTheDayIndex = (day: string, count: number) => (count > 0 ? fnv1a(day) % count : -1);

/** Seconds from `now` to the next UTC midnight (at least 1). */
export function secondsToUtcMidnight(now = Date.now()): number {
  const d = new Date(now);
  const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now) / 1000));
}
