import { createRouter } from "../../lib/router";
import * as handlers from "./search.handlers";
import * as routes from "./search.routes";

export default createRouter().openapi(routes.search, handlers.search);
