-- Ids are unique across tenants: read models key documents by program id alone.
-- kpi_target_json: the program's KPI targets, e.g. {"participants": 120, "completions": 40, "activeShare": 0.5}.
CREATE TABLE programs (
    id              BIGINT       NOT NULL,
    tenant_id       VARCHAR(64)  NOT NULL REFERENCES tenants (id),
    code            VARCHAR(64)  NOT NULL,
    phase           VARCHAR(32)  NOT NULL,
    kpi_target_json JSONB        NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (id),
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, code)
);
