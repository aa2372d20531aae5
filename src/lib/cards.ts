/**
 * Serving share cards: the card's content from the composed documents (a page's view, or a figure), drawn by
 * src/render/png.ts, which is imported on the first card request only (its wasm and fonts stay out of startup).
 */
import type { Context } from "hono";
import type { FigureDoc } from "../compose/figures";
import type { AppEnv } from "../env";
import { getDocument } from "../queries/documents";
import { readView } from "../queries/pages";
import { type CardInput, type CardKind, cardOfFigure, cardOfView } from "../render/card";
import { ProblemError } from "./problem";
import { suggestionsFor } from "./serve";

const NOUNS: Record<CardKind, string> = {
  facts: "fact",
  figures: "figure",
  entities: "entity",
  partnerships: "partnership",
};

/** What the card of a record shows: a keyed read (two for a page's view), or a 404 with close ids. */
export async function cardInput(c: Context<AppEnv>, kind: CardKind, id: string): Promise<CardInput> {
  const release = c.get("release").version;
  const lang = c.get("lang");
  const row = kind === "figures" ? await getDocument(c.get("d1"), release, "figure", id, lang) : null;
  const view = kind === "figures" ? null : await readView(c.get("d1"), release, kind, id, lang);
  if (!row && !view) {
    const docKind =
      kind === "figures" ? "figure" : kind === "facts" ? "fact" : kind === "entities" ? "entity" : "partnership";
    throw new ProblemError("not-found", {
      detail: `No ${NOUNS[kind]} has the id "${id}".`,
      suggestions: await suggestionsFor(c, docKind, id),
    });
  }
  return view ? cardOfView(view, release) : cardOfFigure(JSON.parse(row?.body ?? "null") as FigureDoc, lang, release);
}

/** The card of a record as a PNG answer. */
export async function sendCard(c: Context<AppEnv>, kind: CardKind, id: string): Promise<Response> {
  const input = await cardInput(c, kind, id);
  const { renderCardPng } = await import("../render/png");
  const png = await renderCardPng(input);
  return c.body(png, 200, { "Content-Type": "image/png" });
}
