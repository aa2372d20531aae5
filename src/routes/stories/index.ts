import { createRouter } from "../../lib/router";
import * as handlers from "./stories.handlers";
import * as routes from "./stories.routes";

export default createRouter()
  .openapi(routes.listStories, handlers.list)
  .openapi(routes.getStory, handlers.get)
  .openapi(routes.getStoryTimeline, handlers.timeline);
