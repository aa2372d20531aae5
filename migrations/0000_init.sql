CREATE TABLE `budget_limits` (
	`release` text NOT NULL,
	`budget_id` text NOT NULL,
	`metric` text NOT NULL,
	`max` real NOT NULL,
	`unit` text NOT NULL,
	`figure_id` text NOT NULL,
	PRIMARY KEY(`release`, `budget_id`, `metric`),
	FOREIGN KEY (`release`,`budget_id`) REFERENCES `budgets`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`figure_id`) REFERENCES `figures`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `budgets` (
	`release` text NOT NULL,
	`id` text NOT NULL,
	`story_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`owner_id` text NOT NULL,
	`applies_to_id` text NOT NULL,
	PRIMARY KEY(`release`, `id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`owner_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`applies_to_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `citations` (
	`release` text NOT NULL,
	`record_kind` text NOT NULL,
	`record_id` text NOT NULL,
	`source_id` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`release`, `record_kind`, `record_id`, `source_id`),
	FOREIGN KEY (`release`,`source_id`) REFERENCES `sources`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `citations_source` ON `citations` (`release`,`source_id`,`record_kind`,`record_id`);--> statement-breakpoint
CREATE TABLE `entities` (
	`release` text NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`url` text,
	PRIMARY KEY(`release`, `id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entities_type` ON `entities` (`release`,`type`,`id`);--> statement-breakpoint
CREATE TABLE `entity_names` (
	`release` text NOT NULL,
	`entity_id` text NOT NULL,
	`lang` text NOT NULL,
	`text` text NOT NULL,
	`norm` text NOT NULL,
	`is_alias` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`release`, `entity_id`, `lang`, `text`),
	FOREIGN KEY (`release`,`entity_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entity_names_norm` ON `entity_names` (`release`,`norm`);--> statement-breakpoint
CREATE TABLE `entity_redirects` (
	`release` text NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	PRIMARY KEY(`release`, `from_id`),
	FOREIGN KEY (`release`,`to_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `entity_relations` (
	`release` text NOT NULL,
	`subject_id` text NOT NULL,
	`type` text NOT NULL,
	`object_id` text NOT NULL,
	`note` text,
	PRIMARY KEY(`release`, `subject_id`, `type`, `object_id`),
	FOREIGN KEY (`release`,`subject_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`object_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entity_relations_object` ON `entity_relations` (`release`,`object_id`);--> statement-breakpoint
CREATE TABLE `entity_stories` (
	`release` text NOT NULL,
	`entity_id` text NOT NULL,
	`story_id` text NOT NULL,
	PRIMARY KEY(`release`, `entity_id`, `story_id`),
	FOREIGN KEY (`release`,`entity_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`story_id`) REFERENCES `stories`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entity_stories_story` ON `entity_stories` (`release`,`story_id`,`entity_id`);--> statement-breakpoint
CREATE TABLE `event_participants` (
	`release` text NOT NULL,
	`event_id` text NOT NULL,
	`entity_id` text NOT NULL,
	PRIMARY KEY(`release`, `event_id`, `entity_id`),
	FOREIGN KEY (`release`,`event_id`) REFERENCES `events`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`entity_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_participants_entity` ON `event_participants` (`release`,`entity_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`release` text NOT NULL,
	`id` text NOT NULL,
	`story_id` text NOT NULL,
	`partnership_id` text,
	`date` text NOT NULL,
	`date_precision` text NOT NULL,
	`date_certainty` text NOT NULL,
	`date_phrase` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`quote` text NOT NULL,
	PRIMARY KEY(`release`, `id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`story_id`) REFERENCES `stories`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`partnership_id`) REFERENCES `partnerships`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_date` ON `events` (`release`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `events_partnership` ON `events` (`release`,`partnership_id`,`date`,`id`);--> statement-breakpoint
CREATE TABLE `fact_entities` (
	`release` text NOT NULL,
	`fact_id` text NOT NULL,
	`entity_id` text NOT NULL,
	PRIMARY KEY(`release`, `fact_id`, `entity_id`),
	FOREIGN KEY (`release`,`fact_id`) REFERENCES `facts`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`entity_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fact_entities_target` ON `fact_entities` (`release`,`entity_id`,`fact_id`);--> statement-breakpoint
CREATE TABLE `fact_events` (
	`release` text NOT NULL,
	`fact_id` text NOT NULL,
	`event_id` text NOT NULL,
	PRIMARY KEY(`release`, `fact_id`, `event_id`),
	FOREIGN KEY (`release`,`fact_id`) REFERENCES `facts`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`event_id`) REFERENCES `events`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fact_events_target` ON `fact_events` (`release`,`event_id`,`fact_id`);--> statement-breakpoint
CREATE TABLE `fact_figures` (
	`release` text NOT NULL,
	`fact_id` text NOT NULL,
	`figure_id` text NOT NULL,
	PRIMARY KEY(`release`, `fact_id`, `figure_id`),
	FOREIGN KEY (`release`,`fact_id`) REFERENCES `facts`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`figure_id`) REFERENCES `figures`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fact_figures_target` ON `fact_figures` (`release`,`figure_id`,`fact_id`);--> statement-breakpoint
CREATE TABLE `facts` (
	`release` text NOT NULL,
	`id` text NOT NULL,
	`story_id` text NOT NULL,
	`topic` text NOT NULL,
	`status` text NOT NULL,
	`text` text NOT NULL,
	`quote` text NOT NULL,
	PRIMARY KEY(`release`, `id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`story_id`) REFERENCES `stories`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `facts_topic` ON `facts` (`release`,`topic`,`id`);--> statement-breakpoint
CREATE INDEX `facts_status` ON `facts` (`release`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `figure_inputs` (
	`release` text NOT NULL,
	`figure_id` text NOT NULL,
	`name` text NOT NULL,
	`input_id` text NOT NULL,
	PRIMARY KEY(`release`, `figure_id`, `name`),
	FOREIGN KEY (`release`,`figure_id`) REFERENCES `figures`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`input_id`) REFERENCES `figures`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `figures` (
	`release` text NOT NULL,
	`id` text NOT NULL,
	`story_id` text NOT NULL,
	`metric` text NOT NULL,
	`subject_id` text NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`display` text NOT NULL,
	`kind` text NOT NULL,
	`device_id` text,
	`precision` text,
	`scope` text,
	`as_of` text NOT NULL,
	`as_of_precision` text NOT NULL,
	`as_of_certainty` text NOT NULL,
	`quote` text NOT NULL,
	`formula` text,
	`tolerance` real,
	`note` text,
	PRIMARY KEY(`release`, `id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`subject_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`story_id`) REFERENCES `stories`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `figures_subject` ON `figures` (`release`,`subject_id`,`id`);--> statement-breakpoint
CREATE INDEX `figures_metric` ON `figures` (`release`,`metric`,`id`);--> statement-breakpoint
CREATE INDEX `figures_kind` ON `figures` (`release`,`kind`,`id`);--> statement-breakpoint
CREATE TABLE `partnership_history` (
	`release` text NOT NULL,
	`partnership_id` text NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`date_precision` text NOT NULL,
	`date_certainty` text NOT NULL,
	`date_phrase` text,
	`note` text NOT NULL,
	PRIMARY KEY(`release`, `partnership_id`, `seq`),
	FOREIGN KEY (`release`,`partnership_id`) REFERENCES `partnerships`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `partnership_reasons` (
	`release` text NOT NULL,
	`partnership_id` text NOT NULL,
	`seq` integer NOT NULL,
	`text` text NOT NULL,
	`basis` text NOT NULL,
	PRIMARY KEY(`release`, `partnership_id`, `seq`),
	FOREIGN KEY (`release`,`partnership_id`) REFERENCES `partnerships`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `partnerships` (
	`release` text NOT NULL,
	`id` text NOT NULL,
	`story_id` text NOT NULL,
	`party_a` text NOT NULL,
	`party_b` text NOT NULL,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`summary` text NOT NULL,
	PRIMARY KEY(`release`, `id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`party_a`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`party_b`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partnerships_status` ON `partnerships` (`release`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `partnerships_party_a` ON `partnerships` (`release`,`party_a`,`id`);--> statement-breakpoint
CREATE INDEX `partnerships_party_b` ON `partnerships` (`release`,`party_b`,`id`);--> statement-breakpoint
CREATE TABLE `release_changes` (
	`release` text NOT NULL,
	`change` text NOT NULL,
	`kind` text NOT NULL,
	`record_id` text NOT NULL,
	PRIMARY KEY(`release`, `kind`, `record_id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `release_records` (
	`release` text NOT NULL,
	`kind` text NOT NULL,
	`record_id` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`release`, `kind`, `record_id`)
);
--> statement-breakpoint
CREATE TABLE `releases` (
	`version` text PRIMARY KEY NOT NULL,
	`seq` integer,
	`status` text NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`published_at` text,
	`previous` text,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `releases_status_seq` ON `releases` (`status`,`seq`);--> statement-breakpoint
CREATE TABLE `sources` (
	`release` text NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`publisher_id` text NOT NULL,
	`author` text,
	`date` text NOT NULL,
	`date_precision` text NOT NULL,
	`date_certainty` text NOT NULL,
	`date_phrase` text,
	`language` text NOT NULL,
	`url` text,
	`via_id` text,
	`description` text,
	PRIMARY KEY(`release`, `id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`publisher_id`) REFERENCES `entities`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sources_publisher` ON `sources` (`release`,`publisher_id`);--> statement-breakpoint
CREATE INDEX `sources_kind` ON `sources` (`release`,`kind`,`id`);--> statement-breakpoint
CREATE TABLE `stories` (
	`release` text NOT NULL,
	`id` text NOT NULL,
	`headline` text NOT NULL,
	`summary` text NOT NULL,
	`date` text NOT NULL,
	`date_precision` text NOT NULL,
	`date_certainty` text NOT NULL,
	`date_phrase` text,
	PRIMARY KEY(`release`, `id`),
	FOREIGN KEY (`release`) REFERENCES `releases`(`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `story_sources` (
	`release` text NOT NULL,
	`story_id` text NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`release`, `story_id`, `source_id`),
	FOREIGN KEY (`release`,`story_id`) REFERENCES `stories`(`release`,`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release`,`source_id`) REFERENCES `sources`(`release`,`id`) ON UPDATE no action ON DELETE no action
);
