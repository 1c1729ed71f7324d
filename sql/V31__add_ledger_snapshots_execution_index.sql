-- Finds the entries a snapshot run appended (its exit code is 3 when there are none) without
-- scanning the whole ledger.
CREATE INDEX ledger_snapshots_execution_idx ON ledger_snapshots (execution_id);
