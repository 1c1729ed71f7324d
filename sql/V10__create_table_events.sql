-- The platform's append-only event store. (stream_id, sequence_number) orders a stream.
CREATE TABLE events (
    id              BIGSERIAL    PRIMARY KEY,
    tenant_id       VARCHAR(64)  NOT NULL REFERENCES tenants (id),
    stream_id       VARCHAR(128) NOT NULL,
    stream_type     VARCHAR(32)  NOT NULL,
    sequence_number BIGINT       NOT NULL CHECK (sequence_number >= 1),
    event_type      VARCHAR(64)  NOT NULL,
    causation_id    UUID,
    correlation_id  UUID,
    data            JSONB        NOT NULL,
    metadata        JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (stream_id, sequence_number)
);
CREATE INDEX events_tenant_stream_idx ON events (tenant_id, stream_type, stream_id);
CREATE INDEX events_created_at_idx ON events (created_at);
