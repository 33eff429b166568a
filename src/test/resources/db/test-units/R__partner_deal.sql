-- The test-only partner-registration unit's records (src/test/java/io/slaflow/partner), in the columns the unit kit
-- reads: id, external_id, idempotency_key and intake_client for idempotent creation and record access.
CREATE TABLE IF NOT EXISTS partner_deal (
    id                  VARCHAR(36) PRIMARY KEY,
    external_id         VARCHAR(200),
    idempotency_key     VARCHAR(200),
    partner             VARCHAR(200) NOT NULL,
    account             VARCHAR(200) NOT NULL,
    contact_name        VARCHAR(200) NOT NULL,
    contact_email       VARCHAR(254) NOT NULL,
    country             CHAR(2)      NOT NULL,
    process_instance_id VARCHAR(64),
    decision            VARCHAR(20),
    decision_reason     VARCHAR(500),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by          VARCHAR(200) NOT NULL,
    intake_client       VARCHAR(200),
    CONSTRAINT partner_deal_external_id UNIQUE (intake_client, external_id),
    CONSTRAINT partner_deal_idempotency_key UNIQUE (intake_client, idempotency_key)
);
