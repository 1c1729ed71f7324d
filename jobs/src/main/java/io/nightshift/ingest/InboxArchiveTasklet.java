package io.nightshift.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

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
 * Last step of a run over the inbox: moves the files it ingested to
 * {@code ingested/DATE/} and the rejected ones to {@code rejected/DATE/}, each with a
 * {@code .error.txt} note saying why, so that the inbox holds only what is still to be
 * read. Files named on the command line are never moved. A file already moved is passed
 * over, so a restart finishes the job.
 */
class InboxArchiveTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(InboxArchiveTasklet.class);

	private final Manifests manifests;

	private final JobConfigs configs;

	private final NightshiftProperties properties;

	InboxArchiveTasklet(Manifests manifests, JobConfigs configs, NightshiftProperties properties) {
		this.manifests = manifests;
		this.configs = configs;
		this.properties = properties;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		JobExecution job = contribution.getStepExecution().getJobExecution();
		IngestManifest manifest = this.manifests
			.read(Path.of(job.getExecutionContext().getString(IngestPlanTasklet.MANIFEST)));
		IngestSettings settings = this.configs.settings(IngestQualityRunsJobConfiguration.JOB, IngestSettings.class,
				job.getJobParameters());
		if (!manifest.inbox() || !settings.archive()) {
			return RepeatStatus.FINISHED;
		}
		Path inbox = settings.inboxUnder(this.properties.home());
		LocalDate date = job.getJobParameters().getLocalDate("date");
		int moved = 0;
		for (IngestManifest.Entry entry : manifest.entries()) {
			moved += move(Path.of(entry.path()), inbox.resolve("ingested").resolve(date.toString()), null);
		}
		for (Rejection rejection : manifest.rejected()) {
			moved += move(Path.of(rejection.path()), inbox.resolve("rejected").resolve(date.toString()),
					rejection.describe() + "\n");
		}
		contribution.incrementWriteCount(moved);
		log.info("archived {} inbox files below {}", moved, inbox);
		return RepeatStatus.FINISHED;
	}

	private static int move(Path file, Path folder, String note) throws IOException {
		if (!Files.isRegularFile(file)) {
			return 0;
		}
		Files.createDirectories(folder);
		Path target = folder.resolve(file.getFileName());
		for (int i = 1; Files.exists(target); i++) {
			target = folder.resolve(file.getFileName() + "." + i);
		}
		if (note != null) {
			Files.writeString(folder.resolve(target.getFileName() + ".error.txt"), note, StandardCharsets.UTF_8);
		}
		Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		return 1;
	}

}
