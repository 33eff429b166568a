-- The breach list comes in pages, oldest breach first: the index gives that order, so a page reads only its own rows,
-- and carries the team, rep and unit so that counting the whole list for a scope reads the index alone.
DROP INDEX sla_record_breached;
CREATE INDEX sla_record_breached ON sla_record (breached_at, visit_no, team_id, owner_id, unit);
