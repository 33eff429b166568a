-- Indexes for the reports at scale (ReportBenchmark: a year of 1,000,000 stage visits). A report touches tens of
-- thousands of visits; fetching each row by its key costs more than the query itself (H2 keeps rows in the primary
-- key's tree), so the period, team and rep indexes carry every column the adherence and first-response reports read
-- and the database answers from the index alone.
DROP INDEX sla_record_started;
DROP INDEX sla_record_team;
DROP INDEX sla_record_owner;
DROP INDEX sla_record_record;
CREATE INDEX sla_record_started ON sla_record (started_at, team_id, owner_id, unit, stage, source, started_week,
    outcome, breached_at, due_at, record_id);
CREATE INDEX sla_record_team ON sla_record (team_id, started_at, owner_id, unit, stage, source, started_week,
    outcome, breached_at, due_at, record_id);
CREATE INDEX sla_record_owner ON sla_record (owner_id, started_at, team_id, unit, stage, source, started_week,
    outcome, breached_at, due_at, record_id);
-- A lead's first-contact visits, looked up by the first-response report.
CREATE INDEX sla_record_record ON sla_record (unit, record_id, stage, started_at, first_response_at, owner_id,
    source);
-- The breach list picks visits by the breach instant.
CREATE INDEX sla_record_breached ON sla_record (breached_at);
-- The waterfall reads stage history by period, team or rep, as the adherence report does.
CREATE INDEX stage_history_entered ON stage_history (entered_at, team_id, owner_id, unit, stage, record_id, moved_on,
    outcome, seconds_in_stage);
CREATE INDEX stage_history_team ON stage_history (team_id, entered_at, owner_id, unit, stage, record_id, moved_on,
    outcome, seconds_in_stage);
CREATE INDEX stage_history_owner ON stage_history (owner_id, entered_at, team_id, unit, stage, record_id, moved_on,
    outcome, seconds_in_stage);
