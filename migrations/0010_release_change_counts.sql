-- How many records each release added, changed and removed, written when it is published (src/dataset/release.ts),
-- so that /v1/releases reads them with the release instead of counting its changes; and an index that reads a
-- release's changes of one kind of change in (kind, id) order, so that the change lists are bounded reads
-- (src/queries/changes.ts). The releases published before this migration get their counts here.
ALTER TABLE `releases` ADD `change_counts` text;--> statement-breakpoint
CREATE INDEX `release_changes_change` ON `release_changes` (`release`,`change`,`kind`,`record_id`);--> statement-breakpoint
UPDATE `releases` SET `change_counts` = (
	SELECT json_object(
		'added', count(CASE WHEN `change` = 'added' THEN 1 END),
		'changed', count(CASE WHEN `change` = 'changed' THEN 1 END),
		'removed', count(CASE WHEN `change` = 'removed' THEN 1 END)
	)
	FROM `release_changes` WHERE `release_changes`.`release` = `releases`.`version`
) WHERE `status` = 'published';
