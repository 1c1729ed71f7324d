package io.nightshift.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.nightshift.platform.NightshiftProperties;
import io.nightshift.platform.config.JobConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of an ingest run: fixes the run's input as a manifest. A command-line run
 * (identifying key {@code input}) reads the manifest the command wrote and checks that
 * every file still has the content that was validated; a scheduled run screens the inbox
 * and writes a manifest of what it found. The manifest's path goes into the job's
 * execution context, so a restart reads the same files.
 */
class IngestPlanTasklet implements Tasklet {

	static final String MANIFEST = "ingest.manifest";

	static final String INPUT = "input";

	private static final Logger log = LoggerFactory.getLogger(IngestPlanTasklet.class);

	private final ReportScreening screening;

	private final Manifests manifests;

	private final JobConfigs configs;

	private final NightshiftProperties properties;

	IngestPlanTasklet(ReportScreening screening, Manifests manifests, JobConfigs configs,
			NightshiftProperties properties) {
		this.screening = screening;
		this.manifests = manifests;
		this.configs = configs;
		this.properties = properties;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		JobExecution job = contribution.getStepExecution().getJobExecution();
		String input = job.getJobParameters().getString(INPUT);
		Path manifestFile;
		if (input != null) {
			manifestFile = this.manifests.forInput(input);
			IngestManifest manifest = this.manifests.read(manifestFile);
			for (IngestManifest.Entry entry : manifest.entries()) {
				verify(entry);
			}
			log.info("ingesting {} files of input {}", manifest.entries().size(), input);
		}
		else {
			IngestSettings settings = this.configs.settings(IngestQualityRunsJobConfiguration.JOB, IngestSettings.class,
					job.getJobParameters());
			Path inbox = settings.inboxUnder(this.properties.home());
			Files.createDirectories(inbox);
			List<Path> files = ReportFiles.list(inbox);
			ReportScreening.Screened screened = this.screening.screen(files, settings.maxFileSize().toBytes());
			manifestFile = this.manifests.forInbox(job.getJobInstance().getInstanceId());
			this.manifests.write(manifestFile, new IngestManifest(ReportScreening.inputKey(screened.accepted()),
					IngestManifest.INBOX, Instant.now(), screened.accepted(), screened.rejected()));
			screened.rejected().forEach((rejection) -> log.warn("rejected {}", rejection.describe()));
			log.info("inbox {}: {} files accepted, {} rejected", inbox, screened.accepted().size(),
					screened.rejected().size());
		}
		job.getExecutionContext().putString(MANIFEST, manifestFile.toString());
		return RepeatStatus.FINISHED;
	}

	/** A file that changed since it was validated would be ingested unvalidated. */
	static void verify(IngestManifest.Entry entry) throws IOException {
		Path file = Path.of(entry.path());
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(entry.path() + ": the file is gone since it was validated");
		}
		String digest = ReportScreening.sha256(Files.readAllBytes(file));
		if (!digest.equals(entry.sha256())) {
			throw new IllegalStateException(
					entry.path() + ": the file changed since it was validated; run nightshift ingest again");
		}
	}

}
