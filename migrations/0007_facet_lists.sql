CREATE TABLE `facet_lists` (
	`release` text NOT NULL,
	`kind` text NOT NULL,
	`facet` text NOT NULL,
	`value` text NOT NULL,
	`last_sort` text NOT NULL,
	`last_id` text NOT NULL,
	`entries` text NOT NULL,
	PRIMARY KEY(`release`, `kind`, `facet`, `value`, `last_sort`, `last_id`)
);
--> statement-breakpoint
-- The releases published before this migration: their facet rows (and every event, as facet `*` value `*`),
-- in (sort, id) order, cut into chunks of 256 entries (FACET_CHUNK in src/compose/index.ts), each keyed by its
-- last entry (the bare columns of max(n)).
INSERT INTO `facet_lists` (`release`, `kind`, `facet`, `value`, `last_sort`, `last_id`, `entries`)
SELECT `release`, `kind`, `facet`, `value`, `sort`, `id`, `entries` FROM (
	SELECT `release`, `kind`, `facet`, `value`, max(`n`), `sort`, `id`,
		'[' || group_concat(
			CASE WHEN `sort` = `id` THEN json_quote(`id`) ELSE '[' || json_quote(`sort`) || ',' || json_quote(`id`) || ']' END,
			',' ORDER BY `sort`, `id`
		) || ']' AS `entries`
	FROM (
		SELECT `release`, `kind`, `facet`, `value`, `sort`, `id`,
			row_number() OVER (PARTITION BY `release`, `kind`, `facet`, `value` ORDER BY `sort`, `id`) - 1 AS `n`
		FROM (
			SELECT `release`, `kind`, `facet`, `value`, `sort`, `id` FROM `facets`
			UNION ALL
			SELECT `release`, `kind`, '*', '*', `sort`, `id` FROM `documents` WHERE `kind` = 'event' AND `lang` = 'en'
		)
	)
	GROUP BY `release`, `kind`, `facet`, `value`, `n` / 256
);
