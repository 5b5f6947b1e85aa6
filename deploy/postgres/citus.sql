-- Distributes teamload's tables by team on a Citus cluster.
--
-- Run once on the coordinator, after `teamloadd migrate --config FILE` has
-- created the schema and before teamloadd writes:
--
--   psql "$TEAMLOAD_DATABASE_URL" -f deploy/postgres/citus.sql
--
-- Every table carries `team` and every primary and unique key starts with
-- it, so each table distributes on `team` as it is, and a team's rows of
-- every table sit on the same shard (colocated). Rows that belong to no team
-- (applied schema versions, report slots) carry team '' and share one shard.
-- A test (daemon/store/postgres_store_test.cc) checks that this file names
-- every table teamload creates.
CREATE EXTENSION IF NOT EXISTS citus;

SELECT create_distributed_table('signal_revisions', 'team');
SELECT create_distributed_table('coverage', 'team', colocate_with => 'signal_revisions');
SELECT create_distributed_table('report_slots', 'team', colocate_with => 'signal_revisions');
SELECT create_distributed_table('signal_erasures', 'team', colocate_with => 'signal_revisions');
SELECT create_distributed_table('schema_migrations', 'team', colocate_with => 'signal_revisions');
