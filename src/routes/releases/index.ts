import { createRouter } from "../../lib/router";
import * as handlers from "./releases.handlers";
import * as routes from "./releases.routes";

export default createRouter()
  .openapi(routes.listReleases, handlers.list)
  .openapi(routes.getRelease, handlers.get)
  .openapi(routes.listReleaseChanges, handlers.changes);
