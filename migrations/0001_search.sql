-- Full-text search over names, aliases, descriptions, fact and event texts, in en / ja / zh.
-- The trigram tokenizer indexes CJK text without word boundaries; terms of 1–2 characters are answered
-- with LIKE over the same table (see src/queries/search.ts).
CREATE VIRTUAL TABLE `search` USING fts5(
  `text`,
  `release` UNINDEXED,
  `kind` UNINDEXED,
  `record_id` UNINDEXED,
  `lang` UNINDEXED,
  `field` UNINDEXED,
  `weight` UNINDEXED,
  tokenize = 'trigram'
);
