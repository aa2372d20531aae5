/**
 * The chart of a budget check, as SVG: each metric's value as a bar against its limit (a dashed rule), the
 * verdict, other figures for the same metric (such as the FP16 weight estimate) as outlined bars beside the
 * reported one, and the consistency notes where figures disagree. Pure: the composed check in, SVG out.
 */
import type { BudgetCheckDoc } from "../compose/budget-checks";
import { metricLabel } from "../compose/budget-arithmetic";
import type { Lang } from "../domain";
import { document, type Fragment, clipTo, INK, lines, svg, textWidth, wrap } from "./svg";
import { WORDS } from "./words";

const WIDTH = 960;
const X0 = 250;
const X1 = 700;
const BAR = 20;
const VERDICT_COLOURS = { within: "#1d6b34", exceeds: "#a4262c", no_data: "#5c5c5c", incomplete: "#5c5c5c" } as const;

type Check = BudgetCheckDoc["checks"][number];

const num = (x: number) => String(Number(x.toPrecision(4)));

function checkRows(check: Check, y: number, lang: Lang): { body: Fragment; height: number } {
  const W = WORDS[lang];
  const values = [check.limit.max, check.value ?? 0, ...check.other_figures.map((o) => o.value)];
  const scale = Math.max(...values) * 1.1 || 1;
  const x = (v: number) => X0 + (v / scale) * (X1 - X0);
  const limitText = `${W.limit} ≤ ${num(check.limit.max)} ${check.limit.unit}`;
  const colour = VERDICT_COLOURS[check.verdict];
  const heading = svg`<text x="16" y="${y + 16}" font-size="15" font-weight="700" fill="${INK.text}">${clipTo(metricLabel(check.metric, lang), X0 - 30, 15)}</text>
<text x="16" y="${y + 36}" font-size="13" fill="${colour}">${W.checkVerdicts[check.verdict]}</text>`;
  const bars: Fragment[] = [];
  let row = y + 4;
  if (check.value === null) {
    bars.push(
      svg`<text x="${X0}" y="${row + 15}" font-size="13" fill="${INK.muted}">${W.checkVerdicts.no_data}</text>`,
    );
    row += BAR + 10;
  } else {
    const over = check.percent_over !== null && check.percent_over > 0 ? W.paren(`+${num(check.percent_over)}%`) : "";
    const label = `${check.display ?? ""}${over}${W.sep}${W.reported}`;
    bars.push(svg`<rect x="${X0}" y="${row}" width="${Math.max(2, x(check.value) - X0)}" height="${BAR}" fill="${colour}"/>
<text x="${x(check.value) + 8}" y="${row + 15}" font-size="13" fill="${INK.text}">${clipTo(label, WIDTH - x(check.value) - 20, 13)}</text>`);
    row += BAR + 10;
  }
  for (const o of check.other_figures) {
    bars.push(svg`<rect x="${X0}" y="${row}" width="${Math.max(2, x(o.value) - X0)}" height="${BAR}" fill="#ffffff" stroke="${INK.text}" stroke-width="1.5" stroke-dasharray="5 3"/>
<text x="${x(o.value) + 8}" y="${row + 15}" font-size="13" fill="${INK.text}">${clipTo(o.display, WIDTH - x(o.value) - 20, 13)}</text>`);
    row += BAR + 10;
  }
  const lx = x(check.limit.max);
  const limitRule = svg`<line x1="${lx}" y1="${y - 4}" x2="${lx}" y2="${row - 4}" stroke="${INK.text}" stroke-width="2" stroke-dasharray="6 4"/>
<text x="${lx}" y="${y - 8}" font-size="12" text-anchor="middle" fill="${INK.text}">${limitText}</text>`;
  const height = Math.max(row - y, 44) + 28;
  return { body: svg`<g>${heading}${bars}${limitRule}</g>`, height };
}

export function renderBudgetChart(check: BudgetCheckDoc, lang: Lang): string {
  const W = WORDS[lang];
  const title = `${W.chart}${W.colon}${check.model.name} ${W.vs} ${check.budget.name}`;
  const titleRows = wrap(title, WIDTH - 32, 20).slice(0, 2);
  const verdict = `${W.verdict}${W.colon}${W.verdicts[check.verdict]}`;
  let y = 40 + titleRows.length * 24 + 30;
  const parts: Fragment[] = [
    lines(16, 30, titleRows, 18, { weight: "700" }),
    svg`<rect x="16" y="${y - 40}" width="${textWidth(verdict, 14) + 20}" height="24" rx="4" fill="${VERDICT_COLOURS[check.verdict]}"/>
<text x="26" y="${y - 23}" font-size="14" font-weight="700" fill="#ffffff">${verdict}</text>`,
  ];
  y += 20;
  for (const c of check.checks) {
    const { body, height } = checkRows(c, y, lang);
    parts.push(body);
    y += height;
  }
  for (const note of check.consistency) {
    const rows = wrap(note.message, WIDTH - 64, 13);
    const boxH = 30 + rows.length * 18 + 10;
    parts.push(svg`<g>
<rect x="16" y="${y}" width="${WIDTH - 32}" height="${boxH}" rx="4" fill="${INK.wash}" stroke="#9a4a00" stroke-width="1.5"/>
<text x="32" y="${y + 22}" font-size="14" font-weight="700" fill="${INK.text}">${W.warn}${W.disagree}${W.colon}${num(note.expected_gb)} GB ≠ ${num(note.reported_gb)} GB</text>
${lines(32, y + 44, rows, 13)}
</g>`);
    y += boxH + 16;
  }
  const desc = [
    check.summary,
    ...check.checks.map((c) =>
      [
        `${metricLabel(c.metric, lang)}${W.colon}${c.display ?? W.checkVerdicts.no_data}`,
        `${W.limit} ≤ ${num(c.limit.max)} ${c.limit.unit}`,
        ...c.other_figures.map((o) => o.display),
        W.checkVerdicts[c.verdict],
      ].join(W.semi),
    ),
    ...check.consistency.map((n) => `${W.disagree}${W.colon}${n.message}`),
  ];
  return document({
    id: "budget-chart",
    lang,
    width: WIDTH,
    height: y + 10,
    title,
    desc: desc.join("\n"),
    body: parts,
  });
}
