package io.nightshift.platform.query;

import java.util.List;
import java.util.Map;

import io.nightshift.platform.launch.LaunchAudit;

/**
 * Everything {@code show} prints about one execution.
 *
 * @param execution the summary line
 * @param instanceId the Spring Batch job instance (one per period and attempt)
 * @param exitMessage the job's exit description
 * @param identifying the identifying parameters (the run's identity)
 * @param parameters the other parameters (trigger, actor, reason, host, pid, version,
 * overrides)
 * @param audit the request that created the execution, if it came through the launch
 * service
 * @param steps the step executions, in order
 * @param history every execution of the same period, all attempts, oldest first
 */
public record ExecutionDetail(ExecutionSummary execution, long instanceId, String exitMessage,
		Map<String, Object> identifying, Map<String, Object> parameters, LaunchAudit.AuditRecord audit,
		List<StepSummary> steps, List<ExecutionSummary> history) {
}
