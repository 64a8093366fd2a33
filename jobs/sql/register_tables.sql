-- Registers Signalchain's output tables in a metastore (Hive metastore, Unity Catalog, Glue, …)
-- and defines views of the latest succeeded run, for BI tools that browse a catalog.
--
-- Substitute ${output} with the output folder of the job (output.path), e.g. with sed:
--   sed 's#${output}#s3a://bucket/signalchain/delta#g' jobs/sql/register_tables.sql
-- and run the statements in Spark SQL (or any engine that reads Delta). Safe to run again.
--
-- Readers who want only complete runs use the views. A run's rows are written beside the date's
-- published run and count once run_log has its SUCCEEDED row (written last); a date's rows are
-- those of its latest SUCCEEDED run, the one that started last (docs/operations.md). Rows of
-- other runs of a date (older, failed, killed, or still writing) may sit beside them for a while:
-- select by run_id, never by run_date alone. latest_runs lists that run for every run date;
-- *_latest holds its rows, for every run date; latest_run is the one of the most recent date.

CREATE SCHEMA IF NOT EXISTS signalchain;

CREATE TABLE IF NOT EXISTS signalchain.journey_steps USING DELTA LOCATION '${output}/journey_steps';
CREATE TABLE IF NOT EXISTS signalchain.step_kpis USING DELTA LOCATION '${output}/step_kpis';
CREATE TABLE IF NOT EXISTS signalchain.step_priority USING DELTA LOCATION '${output}/step_priority';
CREATE TABLE IF NOT EXISTS signalchain.channel_mix USING DELTA LOCATION '${output}/channel_mix';
CREATE TABLE IF NOT EXISTS signalchain.contact_reasons USING DELTA LOCATION '${output}/contact_reasons';
CREATE TABLE IF NOT EXISTS signalchain.driver_models USING DELTA LOCATION '${output}/driver_models';
CREATE TABLE IF NOT EXISTS signalchain.driver_importance USING DELTA LOCATION '${output}/driver_importance';
CREATE TABLE IF NOT EXISTS signalchain.kpi_trends USING DELTA LOCATION '${output}/kpi_trends';
CREATE TABLE IF NOT EXISTS signalchain.kpi_alerts USING DELTA LOCATION '${output}/kpi_alerts';
CREATE TABLE IF NOT EXISTS signalchain.driver_asymmetry USING DELTA LOCATION '${output}/driver_asymmetry';
CREATE TABLE IF NOT EXISTS signalchain.driver_segments USING DELTA LOCATION '${output}/driver_segments';
CREATE TABLE IF NOT EXISTS signalchain.action_effects USING DELTA LOCATION '${output}/action_effects';
CREATE TABLE IF NOT EXISTS signalchain.team_scorecards USING DELTA LOCATION '${output}/team_scorecards';
CREATE TABLE IF NOT EXISTS signalchain.follow_ups USING DELTA LOCATION '${output}/follow_ups';
CREATE TABLE IF NOT EXISTS signalchain.follow_up_stats USING DELTA LOCATION '${output}/follow_up_stats';
CREATE TABLE IF NOT EXISTS signalchain.rejected_records USING DELTA LOCATION '${output}/rejected_records';
-- The whole history of every customer's signals (not per run: no _latest view); clustered by customer_id.
CREATE TABLE IF NOT EXISTS signalchain.customer_timeline USING DELTA LOCATION '${output}/customer_timeline';
CREATE TABLE IF NOT EXISTS signalchain.run_log USING DELTA LOCATION '${output}/run_log';

CREATE OR REPLACE VIEW signalchain.succeeded_runs AS
SELECT run_id, run_date, started_at, finished_at, rows_read, rows_rejected, window_start, window_end
FROM signalchain.run_log
WHERE status = 'SUCCEEDED';

-- Per run date, the run whose rows are the date's rows: its SUCCEEDED run that started last.
CREATE OR REPLACE VIEW signalchain.latest_runs AS
SELECT run_id, run_date, started_at, finished_at, rows_read, rows_rejected, window_start, window_end
FROM (
  SELECT s.*, row_number() OVER (PARTITION BY run_date ORDER BY started_at DESC, run_id DESC) AS rank_in_date
  FROM signalchain.succeeded_runs s
)
WHERE rank_in_date = 1;

-- The latest run of the most recent run date.
CREATE OR REPLACE VIEW signalchain.latest_run AS
SELECT run_id, run_date
FROM signalchain.latest_runs
ORDER BY run_date DESC
LIMIT 1;

CREATE OR REPLACE VIEW signalchain.step_kpis_latest AS
SELECT t.* FROM signalchain.step_kpis t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.step_priority_latest AS
SELECT t.* FROM signalchain.step_priority t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.channel_mix_latest AS
SELECT t.* FROM signalchain.channel_mix t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.contact_reasons_latest AS
SELECT t.* FROM signalchain.contact_reasons t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.driver_models_latest AS
SELECT t.* FROM signalchain.driver_models t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.driver_importance_latest AS
SELECT t.* FROM signalchain.driver_importance t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.kpi_trends_latest AS
SELECT t.* FROM signalchain.kpi_trends t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.kpi_alerts_latest AS
SELECT t.* FROM signalchain.kpi_alerts t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.driver_asymmetry_latest AS
SELECT t.* FROM signalchain.driver_asymmetry t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.driver_segments_latest AS
SELECT t.* FROM signalchain.driver_segments t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.action_effects_latest AS
SELECT t.* FROM signalchain.action_effects t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.team_scorecards_latest AS
SELECT t.* FROM signalchain.team_scorecards t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.follow_ups_latest AS
SELECT t.* FROM signalchain.follow_ups t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.follow_up_stats_latest AS
SELECT t.* FROM signalchain.follow_up_stats t JOIN signalchain.latest_runs r USING (run_id, run_date);
CREATE OR REPLACE VIEW signalchain.rejected_records_latest AS
SELECT t.* FROM signalchain.rejected_records t JOIN signalchain.latest_runs r USING (run_id, run_date);
