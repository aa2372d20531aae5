CREATE INDEX `budgets_story` ON `budgets` (`release`,`story_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_story` ON `events` (`release`,`story_id`,`id`);--> statement-breakpoint
CREATE INDEX `facts_story` ON `facts` (`release`,`story_id`,`id`);--> statement-breakpoint
CREATE INDEX `figures_story` ON `figures` (`release`,`story_id`,`id`);--> statement-breakpoint
CREATE INDEX `partnerships_story` ON `partnerships` (`release`,`story_id`,`id`);