-- Indexes the Spring Batch DDL leaves out. Without them `status`, `show`, restart checks and
-- metadata retention scan whole tables once the repository holds a few thousand executions.
CREATE INDEX batch_job_execution_status_start_idx ON BATCH_JOB_EXECUTION (STATUS, START_TIME);
CREATE INDEX batch_job_execution_instance_idx ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID);
CREATE INDEX batch_job_execution_create_time_idx ON BATCH_JOB_EXECUTION (CREATE_TIME);
CREATE INDEX batch_step_execution_job_execution_idx ON BATCH_STEP_EXECUTION (JOB_EXECUTION_ID);
CREATE INDEX batch_job_execution_params_execution_idx ON BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID);
-- Finds the executions of a logical period (date, tenant, attempt) without scanning every parameter.
CREATE INDEX batch_job_execution_params_identity_idx ON BATCH_JOB_EXECUTION_PARAMS (PARAMETER_NAME, PARAMETER_VALUE)
    WHERE PARAMETER_NAME IN ('date', 'tenant', 'attempt');
