/**
 * The partnership timeline of a story, as SVG: one lane per partnership, its status changes and events at
 * their dates. A date's precision is the width of its band (a year, a month, a day) and its certainty the
 * marker (filled: stated; ringed: relative, such as "recently"; hollow and dashed: inferred). Lanes where a
 * partner was selected and the selection stands are emphasized. Pure: composed documents in, SVG out.
 */
import type { composePartnershipDetail } from "../compose/partnerships";
import type { composeStory } from "../compose/stories";
import type { Lang } from "../domain";
import { LABELS } from "../lib/labels";
import { document, type Fragment, clipTo, INK, lines, svg, textWidth, wrap } from "./svg";
import { WORDS } from "./words";

export type StoryDoc = ReturnType<typeof composeStory>;
export type PartnershipDoc = ReturnType<typeof composePartnershipDetail>;
type Status = PartnershipDoc["status"];
type DateDoc = PartnershipDoc["history"][number]["date"];

const STATUS_COLOURS: Record<Status, string> = {
  rumoured: "#5c5c5c",
  evaluated: "#4b3fb8",
  selected: "#9a4a00",
  troubled: "#a4262c",
  abandoned: "#a4262c",
  not_pursued: "#5c5c5c",
  pending_approval: "#0b5f7c",
  active: "#1d6b34",
};
/** A selection stands unless the partnership went wrong afterwards. */
const ENDED: ReadonlySet<Status> = new Set(["troubled", "abandoned", "not_pursued"]);

const WIDTH = 960;
const LABEL_W = 250;
const X0 = 270;
const X1 = 930;
const LANE = 56;
const TOP = 150;

/** A date as [start, end) in fractional years, from its precision. */
export function interval(value: string): [number, number] {
  const [y, m, d] = value.split("-").map(Number) as [number, number?, number?];
  if (m === undefined) return [y, y + 1];
  const month = y + (m - 1) / 12;
  if (d === undefined) return [month, month + 1 / 12];
  const day = month + (d - 1) / 365;
  return [day, day + 1 / 365];
}

/** Whether a partnership's lane is emphasized: it reached `selected` and did not end badly since. */
export const isChosen = (p: PartnershipDoc) => p.history.some((h) => h.status === "selected") && !ENDED.has(p.status);

function marker(x: number, y: number, date: DateDoc, colour: string, r: number, title: string): Fragment {
  const certainty = date.certainty as "stated" | "relative" | "inferred";
  const fill = certainty === "stated" ? colour : certainty === "relative" ? "#ffffff" : "#ffffff";
  const dash = certainty === "inferred" ? svg` stroke-dasharray="2 2"` : "";
  const dot =
    certainty === "relative" ? svg`<circle cx="${x}" cy="${y}" r="${Math.max(2, r - 4)}" fill="${colour}"/>` : "";
  return svg`<g><title>${title}</title><circle cx="${x}" cy="${y}" r="${r}" fill="${fill}" stroke="${colour}" stroke-width="2"${dash}/>${dot}</g>`;
}

function dateText(date: DateDoc, lang: Lang) {
  const W = WORDS[lang];
  const parts = [W.precisions[date.precision as "year"], W.certainties[date.certainty as "stated"]];
  return `${date.value}${W.paren(parts.join(W.comma))}`;
}

/** The lanes' order: by the first date of each partnership, then by id. */
function ordered(partnerships: PartnershipDoc[]) {
  const first = (p: PartnershipDoc) => Math.min(...p.history.map((h) => interval(h.date.value)[0]), Infinity);
  return [...partnerships].sort((a, b) => first(a) - first(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function renderTimeline(story: StoryDoc, partnerships: PartnershipDoc[], lang: Lang): string {
  const W = WORDS[lang];
  const L = LABELS[lang];
  const lanes = ordered(partnerships);
  const dates = lanes.flatMap((p) => [...p.history.map((h) => h.date.value), ...p.events.map((e) => e.date.value)]);
  const spans = dates.map(interval);
  const start = Math.floor(Math.min(...spans.map((s) => s[0]), Number(story.date.value.slice(0, 4))));
  const end = Math.ceil(Math.max(...spans.map((s) => s[1]), start + 1));
  const x = (t: number) => X0 + ((t - start) / (end - start)) * (X1 - X0);
  const height = TOP + lanes.length * LANE + 40;
  const title = `${W.timeline}${W.colon}${story.headline}`;
  const partyNames = (p: PartnershipDoc) => `${p.parties[0].name} × ${p.parties[1].name}`;

  const years: Fragment[] = [];
  for (let y = start; y <= end; y++) {
    const at = x(y);
    years.push(
      svg`<line x1="${at}" y1="${TOP - 8}" x2="${at}" y2="${height - 36}" stroke="${INK.grid}" stroke-width="1"/>`,
    );
    if (y < end) {
      years.push(
        svg`<text x="${x(y + 0.5)}" y="${TOP - 14}" font-size="14" text-anchor="middle" fill="${INK.text}">${String(y)}</text>`,
      );
      for (let m = 1; m < 12; m++) {
        years.push(
          svg`<line x1="${x(y + m / 12)}" y1="${TOP - 8}" x2="${x(y + m / 12)}" y2="${TOP - 3}" stroke="${INK.rule}" stroke-width="1"/>`,
        );
      }
    }
  }

  const rows = lanes.map((p, i) => {
    const y = TOP + i * LANE;
    const mid = y + 18;
    const chosen = isChosen(p);
    const colour = STATUS_COLOURS[p.status];
    // The parties' names shrink to fit the label column (down to 11 px), and are cut only past that.
    const size = Math.max(11, Math.min(14, Math.floor((LABEL_W - 10) / (textWidth(partyNames(p), 1) || 1))));
    const label = clipTo(partyNames(p), LABEL_W - 10, size);
    const now = clipTo(`${W.now}${W.colon}${L.partnershipStatus[p.status]}`, LABEL_W - 10, 12);
    const bands = p.history.map((h) => {
      const [a, b] = interval(h.date.value);
      return svg`<rect x="${x(a)}" y="${mid - 6}" width="${Math.max(3, x(b) - x(a))}" height="12" fill="${STATUS_COLOURS[h.status]}" fill-opacity="0.16"/>`;
    });
    // A marker sits in the middle of its date's band, but never after the next status change (a change known
    // only by its year, such as "recently", precedes the dated one that follows it).
    const at = p.history.map((h) => interval(h.date.value));
    const xs = at.map(([a, b]) => (x(a) + x(b)) / 2);
    for (let k = xs.length - 2; k >= 0; k--) {
      xs[k] = Math.max(x((at[k] as [number, number])[0]), Math.min(xs[k] as number, (xs[k + 1] as number) - 16));
    }
    const byDate = new Map(p.history.map((h, k) => [h.date.value, xs[k] as number]));
    // Status labels under their markers, moved to a second row when they would overlap the previous one.
    let lastEnd = -Infinity;
    let row = 0;
    const changes = p.history.map((h, k) => {
      const cx = xs[k] as number;
      const text = L.partnershipStatus[h.status];
      const w = textWidth(text, 12);
      const left = Math.min(Math.max(cx - w / 2, X0), X1 - w);
      row = left < lastEnd + 6 ? 1 - row : 0;
      lastEnd = left + w;
      const big = chosen && h.status === "selected";
      const tip = `${partyNames(p)}${W.colon}${text}, ${dateText(h.date, lang)}${W.colon}${h.note}`;
      return svg`${marker(cx, mid, h.date, STATUS_COLOURS[h.status], big ? 9 : 6, tip)}<text x="${left}" y="${mid + 22 + row * 13}" font-size="12" fill="${INK.text}"${big ? svg` font-weight="700"` : ""}>${text}</text>`;
    });
    const events = p.events.map((e) => {
      const [a, b] = interval(e.date.value);
      const cx = byDate.get(e.date.value) ?? (x(a) + x(b)) / 2;
      const d = 5;
      return svg`<g><title>${W.event}${W.colon}${e.title}, ${dateText(e.date, lang)}</title><path d="M ${cx} ${mid - 12 - d} l ${d} ${d} l ${-d} ${d} l ${-d} ${-d} z" fill="${INK.muted}"/></g>`;
    });
    return svg`<g>
${chosen ? svg`<rect x="8" y="${y - 4}" width="${WIDTH - 16}" height="${LANE - 4}" fill="${INK.wash}" stroke="${STATUS_COLOURS.selected}" stroke-width="1.5" rx="4"/>` : ""}
<line x1="${X0}" y1="${mid}" x2="${X1}" y2="${mid}" stroke="${chosen ? colour : INK.grid}" stroke-width="${chosen ? 2 : 1}"/>
<text x="16" y="${mid - 2}" font-size="${size}" fill="${INK.text}"${chosen ? svg` font-weight="700"` : ""}>${label}</text>
<text x="16" y="${mid + 15}" font-size="12" fill="${colour}">${now}${chosen ? `${W.sep}${W.chosen}` : ""}</text>
${bands}${events}${changes}
</g>`;
  });

  const legendY = 84;
  const lead = 16 + textWidth(`${W.certainty}${W.colon}`, 12) + 14;
  const legend = svg`<g>
<text x="16" y="${legendY}" font-size="12" fill="${INK.text}">${W.certainty}${W.colon}</text>
${(["stated", "relative", "inferred"] as const).map((c, k) => {
  const at = lead + k * 190;
  const sample: DateDoc = { value: "", precision: "year", certainty: c, phrase: null };
  return svg`${marker(at, legendY - 4, sample, INK.muted, 6, W.certainties[c])}<text x="${at + 12}" y="${legendY}" font-size="12" fill="${INK.text}">${W.certainties[c]}</text>`;
})}
<text x="16" y="${legendY + 22}" font-size="12" fill="${INK.text}">${W.precision}${W.colon}${W.precisions.year} / ${W.precisions.month} / ${W.precisions.day}${W.sep}◆${W.event}${W.sep}●${W.statusChange}</text>
</g>`;

  const headline = wrap(story.headline, WIDTH - 32, 15).slice(0, 2);
  const descLines = lanes.map(
    (p) =>
      `${partyNames(p)}${W.colon}${p.history.map((h) => `${L.partnershipStatus[h.status]} ${dateText(h.date, lang)}`).join(W.semi)}${W.semi}${W.now}${W.colon}${L.partnershipStatus[p.status]}${isChosen(p) ? `${W.paren(W.chosen)}` : ""}`,
  );
  return document({
    id: "timeline",
    lang,
    width: WIDTH,
    height,
    title,
    desc: descLines.join("\n"),
    body: svg`<text x="16" y="28" font-size="20" font-weight="700" fill="${INK.text}">${W.timeline}</text>
${lines(16, 50, headline, 15, { fill: INK.muted })}
${legend}
${years}
${rows}`,
  });
}
