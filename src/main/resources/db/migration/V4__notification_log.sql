-- Every alert is a record before it is a delivery; the idempotency key stops a retried job from sending twice.
CREATE TABLE notification_log (
    id                VARCHAR(36)  PRIMARY KEY,
    idempotency_key   VARCHAR(300) NOT NULL,
    channel           VARCHAR(16)  NOT NULL,
    recipients        VARCHAR(1000) NOT NULL,
    copied            VARCHAR(1000),
    subject           VARCHAR(500) NOT NULL,
    body              VARCHAR(8000) NOT NULL,
    ladder_step       VARCHAR(32)  NOT NULL,
    sla_record_id     VARCHAR(36),
    status            VARCHAR(16)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT notification_log_key UNIQUE (idempotency_key)
);
