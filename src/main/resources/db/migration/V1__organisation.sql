-- Teams and their people. A team owns a business calendar: time zone, working hours and holiday region.
CREATE TABLE team (
    id               VARCHAR(64)  PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    time_zone        VARCHAR(64)  NOT NULL,
    opens            VARCHAR(5)   NOT NULL,
    closes           VARCHAR(5)   NOT NULL,
    working_days     VARCHAR(64)  NOT NULL,
    holiday_country  VARCHAR(8),
    holiday_region   VARCHAR(16),
    manager_id       VARCHAR(64)
);

CREATE TABLE org_user (
    id           VARCHAR(64)  PRIMARY KEY,
    first_name   VARCHAR(100) NOT NULL,
    last_name    VARCHAR(100) NOT NULL,
    email        VARCHAR(254) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    team_id      VARCHAR(64)  NOT NULL REFERENCES team (id),
    territories  VARCHAR(500),
    products     VARCHAR(500),
    -- How much open SLA'd work the rep can carry; routing shares work in proportion to it.
    capacity     INT          NOT NULL DEFAULT 20,
    -- A manager's own manager: the next rung when an escalation goes unhandled or a breach repeats.
    reports_to   VARCHAR(64)
);

CREATE INDEX org_user_team ON org_user (team_id, role);

-- Days a person is away (inclusive, in the team's calendar); routing skips them.
CREATE TABLE out_of_office (
    user_id    VARCHAR(64) NOT NULL REFERENCES org_user (id),
    first_day  DATE        NOT NULL,
    last_day   DATE        NOT NULL,
    -- What happens to open work when the absence begins: 'reassign', 'keep', or nothing (routing skip only).
    handover   VARCHAR(16),
    handed_over_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_id, first_day)
);
