-- Adherence counts of sealed weeks: a week that ended over a day ago and holds no open stage visit never changes
-- again, so its counts are added up once (WeeklyRollup) and a report over a long period reads a few thousand rows
-- instead of every visit. A report still reads the raw visits of the weeks that are not sealed and of a period's
-- partial weeks.
CREATE TABLE report_week_sealed (
    week                 DATE         PRIMARY KEY,
    sealed_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per sealed week and group: dim 'rep' (grp is the owner), 'stage' or 'source'; team and unit are kept for
-- the filters and a manager's scope.
CREATE TABLE report_week (
    week                 DATE         NOT NULL,
    dim                  VARCHAR(8)   NOT NULL,
    grp                  VARCHAR(64),
    team_id              VARCHAR(64),
    unit                 VARCHAR(64)  NOT NULL,
    visits               BIGINT       NOT NULL,
    met                  BIGINT       NOT NULL,
    breached             BIGINT       NOT NULL
);

CREATE INDEX report_week_dim ON report_week (dim, week, team_id, unit, grp, visits, met, breached);
-- The weeks that still hold open visits, found without reading the settled ones.
CREATE INDEX sla_record_open_week ON sla_record (outcome, started_week);
