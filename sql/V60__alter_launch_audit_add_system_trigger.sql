-- 'system': requests the process makes of itself, such as stopping its runs on SIGTERM.
ALTER TABLE launch_audit DROP CONSTRAINT launch_audit_trigger_check;
ALTER TABLE launch_audit ADD CONSTRAINT launch_audit_trigger_check
    CHECK (trigger IN ('schedule', 'operator', 'ci', 'backfill', 'api', 'reaper', 'system'));
