-- A rep routing picked for work whose transaction has not committed yet (routing.RoutingDecision): routing decides
-- in a short transaction of its own, so the next lead of the team must count this work before its SLA record
-- exists. The work's own transaction deletes the row as it commits its record; a row left by a transaction that
-- rolled back is deleted after it, and one left by a node that died no longer counts after ten minutes.
CREATE TABLE routing_pick (
    id         VARCHAR(36)  PRIMARY KEY,
    team_id    VARCHAR(64)  NOT NULL,
    owner_id   VARCHAR(64)  NOT NULL,
    picked_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX routing_pick_team ON routing_pick (team_id, picked_at);
