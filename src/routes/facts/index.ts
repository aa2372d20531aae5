import { createRouter } from "../../lib/router";
import * as handlers from "./facts.handlers";
import * as routes from "./facts.routes";

// /v1/facts/today before /v1/facts/{id}, so "today" is never taken for an id.
export default createRouter()
  .openapi(routes.listFacts, handlers.list)
  .openapi(routes.getFactOfTheDay, handlers.today)
  .openapi(routes.getFact, handlers.get)
  .openapi(routes.getFactCard, handlers.card);
