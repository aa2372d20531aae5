CREATE TABLE `documents` (
	`release` text NOT NULL,
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`lang` text NOT NULL,
	`sort` text NOT NULL,
	`body` text NOT NULL,
	`detail` text,
	`refs` text,
	`extra` text,
	PRIMARY KEY(`release`, `kind`, `lang`, `id`)
);
--> statement-breakpoint
CREATE INDEX `documents_order` ON `documents` (`release`,`kind`,`lang`,`sort`,`id`);--> statement-breakpoint
CREATE TABLE `facets` (
	`release` text NOT NULL,
	`kind` text NOT NULL,
	`facet` text NOT NULL,
	`value` text NOT NULL,
	`sort` text NOT NULL,
	`id` text NOT NULL,
	PRIMARY KEY(`release`, `kind`, `facet`, `value`, `sort`, `id`)
);
