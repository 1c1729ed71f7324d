-- ledger_snapshots is append-only in the database itself: DELETE and TRUNCATE are rejected, and the
-- only UPDATE allowed is the retention redaction (payload set to NULL with redacted_at, every other
-- column unchanged), so hashes stay and the chain still verifies.
CREATE FUNCTION ledger_snapshots_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.payload IS NOT NULL AND NEW.payload IS NULL AND NEW.redacted_at IS NOT NULL
       AND (NEW.id, NEW.tenant_id, NEW.kind, NEW.period, NEW.revision, NEW.supersedes, NEW.seq, NEW.schema_version,
            NEW.coverage, NEW.coverage_reasons, NEW.content_hash, NEW.prev_hash, NEW.chain_hash, NEW.captured_at,
            NEW.execution_id)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.tenant_id, OLD.kind, OLD.period, OLD.revision, OLD.supersedes, OLD.seq, OLD.schema_version,
            OLD.coverage, OLD.coverage_reasons, OLD.content_hash, OLD.prev_hash, OLD.chain_hash, OLD.captured_at,
            OLD.execution_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'ledger_snapshots is append-only: % rejected (only redaction of a payload is allowed)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER ledger_snapshots_append_only
    BEFORE UPDATE OR DELETE ON ledger_snapshots
    FOR EACH ROW EXECUTE FUNCTION ledger_snapshots_append_only();

CREATE TRIGGER ledger_snapshots_no_truncate
    BEFORE TRUNCATE ON ledger_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_snapshots_append_only();
