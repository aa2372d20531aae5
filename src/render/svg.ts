/**
 * The SVG toolkit of the pictures (timeline, budget chart): hono's html helper (every interpolated value is
 * escaped; nested fragments are not escaped twice), text measuring for wrapping and clipping, and the
 * document frame with its <title> and <desc>. Pure: values in, strings out. No script, no style element or
 * attribute (presentation attributes only), so the pictures satisfy the pages' CSP and any stricter one.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Lang } from "../domain";

/** An SVG fragment: escaped where interpolated, synchronous. */
export type Fragment = HtmlEscapedString;
export const svg = (strings: TemplateStringsArray, ...values: unknown[]) =>
  html(strings, ...values) as HtmlEscapedString;

/** BCP 47 tags of the languages, for the `xml:lang` of a picture. */
const TAGS: Record<Lang, string> = { en: "en", ja: "ja", zh: "zh-Hans", "zh-Hant": "zh-Hant" };

/** Font stacks by language: the system's sans-serif with the matching CJK face first. */
const FONTS: Record<Lang, string> = {
  en: "system-ui, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif",
  ja: "'Hiragino Sans', 'Noto Sans JP', 'Noto Sans CJK JP', 'Yu Gothic', sans-serif",
  zh: "'PingFang SC', 'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
  "zh-Hant": "'PingFang TC', 'Noto Sans TC', 'Noto Sans CJK TC', 'Microsoft JhengHei', sans-serif",
};

/** Ink colours: dark enough on white for WCAG AA at the sizes used. */
export const INK = { text: "#1a1a1a", muted: "#4a4a4a", rule: "#8a8a8a", grid: "#d9d9d9", wash: "#fff4d6" };

/** Whether a character is set full-width (CJK, kana, full-width forms). */
const wide = (ch: string) => (ch.codePointAt(0) ?? 0) >= 0x2e80;

/** The approximate width of a text at a font size: 1 em per CJK character, 0.56 em per other. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += wide(ch) ? 1 : 0.56;
  return em * size;
}

/** Cuts a text to fit `width` at `size`, with an ellipsis when cut. */
export function clipTo(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, size) > width) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** Breaks a text into lines of at most `width` at `size`: at spaces in Latin text, anywhere in CJK text. */
export function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  const tokens = text.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/g) ?? [];
  for (const token of tokens) {
    const next = `${line}${token}`;
    if (line !== "" && textWidth(next.trimEnd(), size) > width) {
      lines.push(line.trimEnd());
      line = /^\s+$/.test(token) ? "" : token;
    } else line = next;
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines;
}

/** Lines of text, one <tspan> each, starting at (x, y). */
export function lines(
  x: number,
  y: number,
  rows: string[],
  size: number,
  attrs: { weight?: string; fill?: string } = {},
) {
  const lead = Math.round(size * 1.35);
  return svg`<text x="${x}" y="${y}" font-size="${size}" fill="${attrs.fill ?? INK.text}"${attrs.weight ? svg` font-weight="${attrs.weight}"` : ""}>${rows.map(
    (row, i) => svg`<tspan x="${x}" dy="${i === 0 ? 0 : lead}">${row}</tspan>`,
  )}</text>`;
}

/** The document: role img, labelled by its <title> and described by its <desc>; a white ground. */
export function document(input: {
  id: string;
  lang: Lang;
  width: number;
  height: number;
  title: string;
  desc: string;
  body: Fragment | Fragment[];
}): string {
  const { id, width, height } = input;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xml:lang="${TAGS[input.lang]}" lang="${TAGS[input.lang]}" font-family="${FONTS[input.lang]}">
<title id="${id}-title">${input.title}</title>
<desc id="${id}-desc">${input.desc}</desc>
<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>
${input.body}
</svg>`}\n`;
}
