-- The documents a reconcile run with repair=true has to re-project: every differing document, not
-- only those under the discrepancy cap. state moves from pending to repaired (written, or found
-- already equal on a retry), skipped_newer (the document's sourceWatermark is newer than the
-- expected one, or it changed under the repair) or resolved (nothing left to do).
CREATE TABLE reconcile_repairs (
    run_id      BIGINT       NOT NULL REFERENCES reconcile_runs (id) ON DELETE CASCADE,
    program_id  BIGINT       NOT NULL,
    tenant_id   VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL CHECK (kind IN ('missing', 'extra', 'mismatched')),
    state       VARCHAR(16)  NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'repaired', 'skipped_newer', 'resolved')),
    finished_at TIMESTAMPTZ,
    PRIMARY KEY (run_id, program_id)
);
