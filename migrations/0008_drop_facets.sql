-- `facets` was superseded by `facet_lists` in migration 0007 (which copied its rows there); since then no worker
-- reads or writes it, and retention only deleted the rows of releases published before 0007.
DROP TABLE `facets`;
