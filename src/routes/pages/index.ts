import { createRouter } from "../../lib/router";

// Routes of this module are added here: createRouter().openapi(routes.x, handlers.x)…
export default createRouter();
