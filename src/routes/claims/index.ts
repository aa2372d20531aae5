import { createRouter } from "../../lib/router";
import * as handlers from "./claims.handlers";
import * as routes from "./claims.routes";

export default createRouter().openapi(routes.checkClaim, handlers.check);
