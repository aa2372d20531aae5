import { createRouter } from "../../lib/router";
import * as handlers from "./facts.handlers";
import * as routes from "./facts.routes";

export default createRouter().openapi(routes.listFacts, handlers.list).openapi(routes.getFact, handlers.get);
