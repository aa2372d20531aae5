import { createRouter } from "../../lib/router";
import * as oembed from "./oembed";
import * as handlers from "./pages.handlers";
import * as routes from "./pages.routes";

/** Permalink pages that unfurl (HTML with OpenGraph, Twitter card and JSON-LD) and their oEmbed endpoint. */
export default createRouter()
  .openapi(routes.factPage, handlers.fact)
  .openapi(routes.entityPage, handlers.entity)
  .openapi(routes.partnershipPage, handlers.partnership)
  .openapi(routes.oembed, oembed.get);
