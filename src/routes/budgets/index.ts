import { createRouter } from "../../lib/router";
import * as handlers from "./budgets.handlers";
import * as routes from "./budgets.routes";

export default createRouter()
  .openapi(routes.listBudgets, handlers.list)
  .openapi(routes.getBudget, handlers.get)
  .openapi(routes.checkBudget, handlers.checks)
  .openapi(routes.checkBudgetChart, handlers.chart)
  .openapi(routes.estimateBudget, handlers.estimate);
