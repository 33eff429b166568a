-- When each rung's alert went out, beside the instant the rung fell due (breached_at and escalated_at keep the
-- planned instants). After an outage or a recompute into the past the two differ, and the record shows by how much.
-- Stamped once, by the first delivery: a rung caught up before a reassignment and run again by its own timer later
-- neither moves the instant nor counts a warning twice.
ALTER TABLE sla_record ADD COLUMN warning_alerted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_record ADD COLUMN final_warning_alerted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_record ADD COLUMN breach_alerted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_record ADD COLUMN escalation_alerted_at TIMESTAMP WITH TIME ZONE;
