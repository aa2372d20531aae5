-- The releases published before this migration: each kind's records listed by story (facet `story`: figures,
-- budgets, events, facts; entities and partnerships had theirs) and the entities of no story (facet `no-story`,
-- value `*`), as LOADER_VERSION 9 and later publish them (src/compose/index.ts), read from each release's English
-- documents, in (sort, id) order, cut into chunks of 256 entries (FACET_CHUNK), each keyed by its last entry
-- (the bare columns of max(n)). llms-full.txt reads them (src/routes/llms/llms.data.ts).
INSERT OR IGNORE INTO `facet_lists` (`release`, `kind`, `facet`, `value`, `last_sort`, `last_id`, `entries`)
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
			SELECT `release`, `kind`, 'story' AS `facet`, json_extract(`body`, '$.story') AS `value`, `sort`, `id`
			FROM `documents` WHERE `kind` IN ('figure', 'budget', 'event', 'fact') AND `lang` = 'en'
			UNION ALL
			SELECT `release`, `kind`, 'no-story', '*', `sort`, `id`
			FROM `documents` WHERE `kind` = 'entity' AND `lang` = 'en' AND json_array_length(`body`, '$.stories') = 0
		)
		WHERE `value` IS NOT NULL
	)
	GROUP BY `release`, `kind`, `facet`, `value`, `n` / 256
);
