package io.nightshift.ingest;

import java.nio.file.Path;

import io.nightshift.platform.launch.ExitCodeMapping;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Says what a completed ingest run came to: NOTHING_TO_DO (exit 3) when no run was new
 * over all executions of the run (a restart that finds the work done is not "nothing
 * new"), COMPLETED_WITH_REJECTIONS when files were refused, COMPLETED otherwise.
 */
class IngestExitStatusListener implements JobExecutionListener {

	/** Exit status of a completed run that refused some files (exit code 0). */
	static final String COMPLETED_WITH_REJECTIONS = "COMPLETED_WITH_REJECTIONS";

	private final JdbcClient jdbc;

	private final Manifests manifests;

	IngestExitStatusListener(JdbcClient jdbc, Manifests manifests) {
		this.jdbc = jdbc;
		this.manifests = manifests;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			return;
		}
		long[] counts = this.jdbc.sql("""
				SELECT coalesce(sum(s.read_count), 0), coalesce(sum(s.write_count), 0)
				  FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
				 WHERE e.job_instance_id = :instance AND s.step_name = :step
				""")
			.param("instance", execution.getJobInstance().getInstanceId())
			.param("step", IngestQualityRunsJobConfiguration.RUNS_STEP)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		String manifestPath = execution.getExecutionContext().getString(IngestPlanTasklet.MANIFEST, null);
		int rejected = (manifestPath != null) ? this.manifests.read(Path.of(manifestPath)).rejected().size() : 0;
		String rejections = (rejected > 0)
				? "; " + rejected + " file(s) rejected (see the manifest " + manifestPath + ")" : "";
		if (counts[0] == 0) {
			execution.setExitStatus(new ExitStatus(ExitCodeMapping.NOTHING_TO_DO.getExitCode(),
					"no quality-report files to ingest" + rejections));
		}
		else if (counts[1] == 0) {
			execution.setExitStatus(new ExitStatus(ExitCodeMapping.NOTHING_TO_DO.getExitCode(),
					"no new quality runs (" + counts[0] + " read, all already ingested)" + rejections));
		}
		else if (rejected > 0) {
			execution.setExitStatus(new ExitStatus(COMPLETED_WITH_REJECTIONS,
					counts[1] + " new quality runs of " + counts[0] + " read" + rejections));
		}
		else {
			execution.setExitStatus(
					ExitStatus.COMPLETED.addExitDescription(counts[1] + " new quality runs of " + counts[0] + " read"));
		}
	}

}
