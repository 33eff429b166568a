-- Round robin inside a team remembers who was picked last, across restarts and nodes. One row per team, created
-- with the team and locked while a lead is routed, so that concurrent leads take turns.
CREATE TABLE routing_cursor (
    team_id        VARCHAR(64) PRIMARY KEY REFERENCES team (id),
    last_owner_id  VARCHAR(64)
);
