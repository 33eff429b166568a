-- One row per stage visit: the SLA clock's facts, read by reports instead of Camunda's history tables.
CREATE TABLE sla_record (
    id                   VARCHAR(36)  PRIMARY KEY,
    unit                 VARCHAR(64)  NOT NULL,
    stage                VARCHAR(64)  NOT NULL,
    record_id            VARCHAR(64)  NOT NULL,
    process_instance_id  VARCHAR(64),
    owner_id             VARCHAR(64),
    team_id              VARCHAR(64),
    source               VARCHAR(32),
    clock_kind           VARCHAR(16)  NOT NULL,
    target               VARCHAR(32)  NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    first_response_at    TIMESTAMP WITH TIME ZONE,
    completed_at         TIMESTAMP WITH TIME ZONE,
    paused_seconds       BIGINT       NOT NULL DEFAULT 0,
    warnings_sent        INT          NOT NULL DEFAULT 0,
    breached_at          TIMESTAMP WITH TIME ZONE,
    escalated_at         TIMESTAMP WITH TIME ZONE,
    escalation_action    VARCHAR(32),
    escalation_note      VARCHAR(2000),
    reassigned_from      VARCHAR(64),
    reassigned_to        VARCHAR(64),
    -- The owner went out of office during the visit: 'reassigned' (work moved at once) or 'kept' (flagged, stays).
    away_handover        VARCHAR(16),
    outcome              VARCHAR(16)  NOT NULL DEFAULT 'open'
);

CREATE INDEX sla_record_record ON sla_record (unit, record_id);
CREATE INDEX sla_record_owner ON sla_record (owner_id, started_at);
CREATE INDEX sla_record_open ON sla_record (outcome, owner_id);
CREATE INDEX sla_record_team ON sla_record (team_id, started_at);
