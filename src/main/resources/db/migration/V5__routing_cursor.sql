-- Round robin inside a team remembers who was picked last, across restarts and nodes.
CREATE TABLE routing_cursor (
    team_id        VARCHAR(64) PRIMARY KEY,
    last_owner_id  VARCHAR(64) NOT NULL
);
