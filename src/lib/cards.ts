/**
 * Serving share cards: the card's content from the composed document (a page view, or a figure), drawn by
 * src/render/png.ts, which is imported on the first card request only (its wasm and fonts stay out of startup).
 */
import type { Context } from "hono";
import type { FigureDoc } from "../compose/figures";
import type { PageView } from "../compose/pages";
import type { AppEnv } from "../env";
import { getDocument } from "../queries/documents";
import { type CardInput, type CardKind, cardOfFigure, cardOfView } from "../render/card";
import { ProblemError } from "./problem";
import { suggestionsFor } from "./serve";

const NOUNS: Record<CardKind, string> = {
  facts: "fact",
  figures: "figure",
  entities: "entity",
  partnerships: "partnership",
};

/** What the card of a record shows: one keyed read, or a 404 with close ids. */
export async function cardInput(c: Context<AppEnv>, kind: CardKind, id: string): Promise<CardInput> {
  const release = c.get("release").version;
  const lang = c.get("lang");
  const row =
    kind === "figures"
      ? await getDocument(c.get("d1"), release, "figure", id, lang)
      : await getDocument(c.get("d1"), release, "page", `${kind}/${id}`, lang);
  if (!row) {
    const docKind =
      kind === "figures" ? "figure" : kind === "facts" ? "fact" : kind === "entities" ? "entity" : "partnership";
    throw new ProblemError("not-found", {
      detail: `No ${NOUNS[kind]} has the id "${id}".`,
      suggestions: await suggestionsFor(c, docKind, id),
    });
  }
  return kind === "figures"
    ? cardOfFigure(JSON.parse(row.body) as FigureDoc, lang, release)
    : cardOfView(JSON.parse(row.body) as PageView, release);
}

/** The card of a record as a PNG answer. */
export async function sendCard(c: Context<AppEnv>, kind: CardKind, id: string): Promise<Response> {
  const input = await cardInput(c, kind, id);
  const { renderCardPng } = await import("../render/png");
  const png = await renderCardPng(input);
  return c.body(png, 200, { "Content-Type": "image/png" });
}
