import { createRouter } from "../../lib/router";
import * as handlers from "./figures.handlers";
import * as routes from "./figures.routes";

export default createRouter()
  .openapi(routes.listFigures, handlers.list)
  .openapi(routes.getFigure, handlers.get)
  .openapi(routes.getFigureCard, handlers.card);
