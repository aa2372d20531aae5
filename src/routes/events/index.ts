import { createRouter } from "../../lib/router";
import * as handlers from "./events.handlers";
import * as routes from "./events.routes";

export default createRouter().openapi(routes.listEvents, handlers.list).openapi(routes.getEvent, handlers.get);
