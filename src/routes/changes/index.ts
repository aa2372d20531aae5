import { createRouter } from "../../lib/router";
import * as handlers from "./changes.handlers";
import * as routes from "./changes.routes";

export default createRouter().openapi(routes.listChanges, handlers.list).openapi(routes.listChangesAtom, handlers.atom);
