-- Which version of its business calendar (zone, hours, working days, holiday region) a team is on. Every write of the
-- team bumps it in the same transaction, and every node compares it with the version of the calendar it holds in
-- memory before planning an SLA on it: one primary-key read, and no node plans on hours another node has changed.
ALTER TABLE team ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 0;
