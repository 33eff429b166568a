-- A stage visit's clock can be paused (waiting on the customer): while paused_at is set, its ladder waits.
ALTER TABLE sla_record ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_record ADD COLUMN pause_reason VARCHAR(500);

-- A support ticket: the business record of the customer-support unit.
CREATE TABLE ticket (
    id                   VARCHAR(36)  PRIMARY KEY,
    external_id          VARCHAR(200),
    idempotency_key      VARCHAR(200),
    account              VARCHAR(200) NOT NULL,
    contact_name         VARCHAR(200) NOT NULL,
    contact_email        VARCHAR(254) NOT NULL,
    country              VARCHAR(2)   NOT NULL,
    category             VARCHAR(32)  NOT NULL,
    priority             VARCHAR(16)  NOT NULL,
    description          VARCHAR(4000) NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(64),
    process_instance_id  VARCHAR(64),
    -- open, or closed when the resolution is confirmed: by the customer, or by their silence.
    status               VARCHAR(16)  NOT NULL DEFAULT 'open',
    confirmed_by         VARCHAR(16),
    closed_at            TIMESTAMP WITH TIME ZONE,
    reopened             INT          NOT NULL DEFAULT 0,
    CONSTRAINT ticket_external_id UNIQUE (external_id),
    CONSTRAINT ticket_idempotency_key UNIQUE (idempotency_key)
);

-- A signed contract: starts the onboarding unit for the account (and, with its renewal date, the renewal unit).
CREATE TABLE contract (
    id                   VARCHAR(36)  PRIMARY KEY,
    external_id          VARCHAR(200),
    idempotency_key      VARCHAR(200),
    opportunity_id       VARCHAR(36),
    account              VARCHAR(200) NOT NULL,
    contact_name         VARCHAR(200) NOT NULL,
    contact_email        VARCHAR(254) NOT NULL,
    country              VARCHAR(2)   NOT NULL,
    product              VARCHAR(64),
    amount               DECIMAL(14, 2),
    renews_on            DATE,
    -- renewed, contracted (a down-sell) or churned, when the renewal closed; with the reason
    renewal_outcome      VARCHAR(16),
    renewal_reason       VARCHAR(500),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(64),
    process_instance_id  VARCHAR(64),
    CONSTRAINT contract_external_id UNIQUE (external_id),
    CONSTRAINT contract_idempotency_key UNIQUE (idempotency_key)
);

CREATE INDEX contract_opportunity ON contract (opportunity_id);

-- A usage or outcome signal of an account: the business record of the expansion unit.
CREATE TABLE expansion_signal (
    id                   VARCHAR(36)  PRIMARY KEY,
    external_id          VARCHAR(200),
    idempotency_key      VARCHAR(200),
    account              VARCHAR(200) NOT NULL,
    contact_name         VARCHAR(200) NOT NULL,
    contact_email        VARCHAR(254) NOT NULL,
    country              VARCHAR(2)   NOT NULL,
    product              VARCHAR(64),
    kind                 VARCHAR(16)  NOT NULL,
    strength             VARCHAR(16)  NOT NULL,
    note                 VARCHAR(2000),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(64),
    process_instance_id  VARCHAR(64),
    -- open, upsell, cross-sell or hold (with the reason and the date to look again)
    outcome              VARCHAR(16)  NOT NULL DEFAULT 'open',
    hold_reason          VARCHAR(500),
    revisit_on           DATE,
    opportunity_id       VARCHAR(36),
    CONSTRAINT expansion_signal_external_id UNIQUE (external_id),
    CONSTRAINT expansion_signal_idempotency_key UNIQUE (idempotency_key)
);
