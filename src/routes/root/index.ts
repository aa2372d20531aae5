import { createRouter } from "../../lib/router";
import * as handlers from "./root.handlers";
import * as routes from "./root.routes";

export default createRouter().openapi(routes.getIndex, handlers.index);
