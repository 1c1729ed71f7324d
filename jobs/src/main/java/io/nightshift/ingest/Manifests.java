package io.nightshift.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.nightshift.platform.NightshiftProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Ingest manifests, as JSON files under {@code $NIGHTSHIFT_HOME/quality/manifests/}. */
@Component
class Manifests {

	private final Path folder;

	private final JsonMapper json;

	Manifests(NightshiftProperties properties, JsonMapper json) {
		this.folder = properties.home().resolve("quality").resolve("manifests").toAbsolutePath().normalize();
		this.json = json;
	}

	/** Where the manifest of a command-line run with this input key lives. */
	Path forInput(String input) {
		return this.folder.resolve(input + ".json");
	}

	/** Where the manifest of a scheduled inbox run lives. */
	Path forInbox(long jobInstanceId) {
		return this.folder.resolve("inbox-" + jobInstanceId + ".json");
	}

	/** Writes atomically: a reader never sees half a manifest. */
	void write(Path file, IngestManifest manifest) {
		try {
			Files.createDirectories(file.getParent());
			Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
			Files.write(temporary, this.json.writeValueAsBytes(manifest));
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot write the ingest manifest " + file + ": " + ex.getMessage(), ex);
		}
	}

	IngestManifest read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("the ingest manifest " + file
					+ " is missing; its files cannot be identified (run nightshift ingest again)");
		}
		try {
			return this.json.readValue(Files.readAllBytes(file), IngestManifest.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the ingest manifest " + file + ": " + ex.getMessage(), ex);
		}
	}

}
