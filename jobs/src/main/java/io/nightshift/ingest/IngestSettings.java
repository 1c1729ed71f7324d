package io.nightshift.ingest;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of {@code ingest-quality-runs} ({@code settings:} in
 * job-configs/ingest-quality-runs.yml).
 *
 * @param inbox the folder scheduled runs ingest from (its {@code *.json} files); relative
 * to NIGHTSHIFT_HOME; default {@code quality/inbox}
 * @param archive whether a run over the inbox moves the files it read to
 * {@code ingested/DATE/} and the rejected ones to {@code rejected/DATE/} (with a
 * {@code .error.txt} note) below the inbox
 * @param maxFileSize larger files are rejected unread
 */
record IngestSettings(@DefaultValue("quality/inbox") @NotNull Path inbox, @DefaultValue("true") boolean archive,
		@DefaultValue("64MB") @NotNull DataSize maxFileSize) {

	Path inboxUnder(Path home) {
		return home.resolve(this.inbox).toAbsolutePath().normalize();
	}

}
