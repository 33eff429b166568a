-- Routing a new lead counts the open stage visits of each rep of its team (OwnerRouting, least-loaded): with the
-- index on (outcome, owner_id) alone, that read every open visit of every team and looked each row up for its team.
CREATE INDEX sla_record_team_open ON sla_record (team_id, outcome, owner_id);
