import { createRouter } from "../../lib/router";
import * as handlers from "./entities.handlers";
import * as routes from "./entities.routes";

export default createRouter()
  .openapi(routes.listEntities, handlers.list)
  .openapi(routes.getEntity, handlers.get)
  .openapi(routes.listEntityRelations, handlers.relations)
  .openapi(routes.getEntityCard, handlers.card);
