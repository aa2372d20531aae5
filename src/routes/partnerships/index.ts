import { createRouter } from "../../lib/router";
import * as handlers from "./partnerships.handlers";
import * as routes from "./partnerships.routes";

export default createRouter()
  .openapi(routes.listPartnerships, handlers.list)
  .openapi(routes.getPartnership, handlers.get)
  .openapi(routes.getPartnershipCard, handlers.card);
