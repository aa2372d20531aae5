-- The search index, one row per record (kind, id) with all its searchable text across fields and languages,
-- composed at publish by src/compose/search.ts (which documents the columns) and read by
-- src/queries/search.ts (which documents why every search is one bounded FTS5 query). It replaces `search`,
-- which held one row per field and language and matched only exact phrases.
DROP TABLE IF EXISTS `search`;--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
  `kind`,
  `name`,
  `alias`,
  `title`,
  `text`,
  `author`,
  `description`,
  `quote`,
  `exact`,
  `name_short`,
  `short`,
  `release` UNINDEXED,
  `id` UNINDEXED,
  `titles` UNINDEXED,
  `parts` UNINDEXED,
  tokenize = 'trigram'
);
