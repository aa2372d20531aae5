import { createRouter } from "../../lib/router";

// Routes of this resource are added here: createRouter().openapi(routes.x, handlers.x)…
export default createRouter();
