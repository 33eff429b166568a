-- The lead is the business record; the lead-routing process instance only carries its id.
CREATE TABLE lead (
    id                   VARCHAR(36)  PRIMARY KEY,
    external_id          VARCHAR(200),
    idempotency_key      VARCHAR(200),
    name                 VARCHAR(200) NOT NULL,
    email                VARCHAR(254) NOT NULL,
    company              VARCHAR(200),
    country              VARCHAR(2)   NOT NULL,
    source               VARCHAR(32)  NOT NULL,
    product              VARCHAR(64),
    intent               VARCHAR(16)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(64),
    process_instance_id  VARCHAR(64),
    CONSTRAINT lead_external_id UNIQUE (external_id),
    CONSTRAINT lead_idempotency_key UNIQUE (idempotency_key)
);
