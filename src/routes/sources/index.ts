import { createRouter } from "../../lib/router";
import * as handlers from "./sources.handlers";
import * as routes from "./sources.routes";

export default createRouter().openapi(routes.listSources, handlers.list).openapi(routes.getSource, handlers.get);
