import type { SchemaMigration } from './schema-migration.js';

// PostgreSQL: `scores` becomes a table partitioned by run (src/store/run-score-partition.ts).
// The rows already stored stay where they are: the old table becomes one partition holding the
// completed runs it has rows of, its indexes kept. Rows of runs not completed are deleted first:
// nothing reads them, and such a run, when begun again, discards them anyway and gets a partition
// of its own. (A run still being written by an older clientseg fails: its rows find no partition.)
// The partitioned table has no foreign key to runs: attaching a partition would then lock `runs`
// against the very insert that began the run in another session (two processes beginning one run
// deadlocked), and a run's scores are removed with their partition before the run anyway.
// A DO block, because the list of those runs is only known in the store.
const PARTITION_SCORES = `DO $$
DECLARE
  kept TEXT;
BEGIN
  ALTER TABLE scores RENAME TO scores_before_v7;
  ALTER INDEX scores_pkey RENAME TO scores_before_v7_pkey;
  ALTER INDEX scores_by_advisor RENAME TO scores_before_v7_by_advisor;
  ALTER INDEX scores_by_client RENAME TO scores_before_v7_by_client;
  ALTER INDEX scores_by_advisor_book RENAME TO scores_before_v7_by_advisor_book;
  CREATE TABLE scores (LIKE scores_before_v7 INCLUDING DEFAULTS) PARTITION BY LIST (run_id);
  ALTER TABLE scores ADD PRIMARY KEY (run_id, client_id);
  DELETE FROM scores_before_v7 s USING runs r WHERE r.id = s.run_id AND r.status <> 'completed';
  SELECT string_agg(quote_literal(r.id), ', ') INTO kept FROM runs r
    WHERE EXISTS (SELECT 1 FROM scores_before_v7 s WHERE s.run_id = r.id);
  IF kept IS NULL THEN
    DROP TABLE scores_before_v7;
  ELSE
    EXECUTE format('ALTER TABLE scores ATTACH PARTITION scores_before_v7 FOR VALUES IN (%s)', kept);
  END IF;
END
$$`;

export const SCORE_PARTITIONS_MIGRATION: SchemaMigration = {
  version: 7,
  name: 'scores: a partition per run on PostgreSQL',
  sqlite: [],
  postgres: [PARTITION_SCORES],
};
