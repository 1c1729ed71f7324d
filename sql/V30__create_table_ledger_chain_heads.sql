-- The head of each ledger chain (tenant, kind), written in the same transaction as the entry it
-- points to. The ledger writer appends under a per-chain advisory lock and refuses to extend a chain
-- whose last entry is not this head; `ledger verify` compares the two, so entries removed from the
-- end of a chain are reported missing rather than going unnoticed.
CREATE TABLE ledger_chain_heads (
    tenant_id   VARCHAR(64)  NOT NULL REFERENCES tenants (id),
    kind        VARCHAR(8)   NOT NULL CHECK (kind IN ('daily', 'weekly')),
    seq         BIGINT       NOT NULL CHECK (seq >= 1),
    chain_hash  CHAR(64)     NOT NULL,
    entry_id    BIGINT       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
