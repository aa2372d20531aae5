import { createRouter } from "../../lib/router";
import * as handlers from "./export.handlers";
import * as routes from "./export.routes";

export default createRouter().openapi(routes.exportJson, handlers.json).openapi(routes.exportNdjson, handlers.ndjson);
