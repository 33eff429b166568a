-- Each intake client (an API user) owns the records it creates: it reads back only those, and its idempotency keys
-- and external ids are unique among its own records, so two clients using the same key get a record each.
-- NULL: a record our processes or the demo data created; administrators and the record's teams read it.
--
-- Existing records take their client from created_by, which the API always set to the authenticated user (never
-- from the body): a client keeps reading what it created before, and its retries of those requests still repeat.
-- created_by 'slaflow', 'expansion' and 'demo' are our processes and the demo data, not clients.
ALTER TABLE lead ADD COLUMN intake_client VARCHAR(64);
UPDATE lead SET intake_client = created_by WHERE created_by NOT IN ('slaflow', 'expansion', 'demo');
ALTER TABLE lead DROP CONSTRAINT lead_external_id;
ALTER TABLE lead DROP CONSTRAINT lead_idempotency_key;
ALTER TABLE lead ADD CONSTRAINT lead_external_id UNIQUE (intake_client, external_id);
ALTER TABLE lead ADD CONSTRAINT lead_idempotency_key UNIQUE (intake_client, idempotency_key);

ALTER TABLE opportunity ADD COLUMN intake_client VARCHAR(64);
UPDATE opportunity SET intake_client = created_by WHERE created_by NOT IN ('slaflow', 'expansion', 'demo');
ALTER TABLE opportunity DROP CONSTRAINT opportunity_external_id;
ALTER TABLE opportunity DROP CONSTRAINT opportunity_idempotency_key;
ALTER TABLE opportunity ADD CONSTRAINT opportunity_external_id UNIQUE (intake_client, external_id);
ALTER TABLE opportunity ADD CONSTRAINT opportunity_idempotency_key UNIQUE (intake_client, idempotency_key);

ALTER TABLE ticket ADD COLUMN intake_client VARCHAR(64);
UPDATE ticket SET intake_client = created_by WHERE created_by NOT IN ('slaflow', 'expansion', 'demo');
ALTER TABLE ticket DROP CONSTRAINT ticket_external_id;
ALTER TABLE ticket DROP CONSTRAINT ticket_idempotency_key;
ALTER TABLE ticket ADD CONSTRAINT ticket_external_id UNIQUE (intake_client, external_id);
ALTER TABLE ticket ADD CONSTRAINT ticket_idempotency_key UNIQUE (intake_client, idempotency_key);

ALTER TABLE contract ADD COLUMN intake_client VARCHAR(64);
UPDATE contract SET intake_client = created_by WHERE created_by NOT IN ('slaflow', 'expansion', 'demo');
ALTER TABLE contract DROP CONSTRAINT contract_external_id;
ALTER TABLE contract DROP CONSTRAINT contract_idempotency_key;
ALTER TABLE contract ADD CONSTRAINT contract_external_id UNIQUE (intake_client, external_id);
ALTER TABLE contract ADD CONSTRAINT contract_idempotency_key UNIQUE (intake_client, idempotency_key);

ALTER TABLE expansion_signal ADD COLUMN intake_client VARCHAR(64);
UPDATE expansion_signal SET intake_client = created_by WHERE created_by NOT IN ('slaflow', 'expansion', 'demo');
ALTER TABLE expansion_signal DROP CONSTRAINT expansion_signal_external_id;
ALTER TABLE expansion_signal DROP CONSTRAINT expansion_signal_idempotency_key;
ALTER TABLE expansion_signal ADD CONSTRAINT expansion_signal_external_id UNIQUE (intake_client, external_id);
ALTER TABLE expansion_signal ADD CONSTRAINT expansion_signal_idempotency_key UNIQUE (intake_client, idempotency_key);
