import { createRouter } from "../../lib/router";
import * as handlers from "./llms.handlers";
import * as routes from "./llms.routes";

/** /llms.txt and /llms-full.txt for LLM agents, generated from the data and the OpenAPI document. */
export default createRouter().openapi(routes.llmsTxt, handlers.index).openapi(routes.llmsFullTxt, handlers.full);
