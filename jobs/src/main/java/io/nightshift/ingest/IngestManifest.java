package io.nightshift.ingest;

import java.time.Instant;
import java.util.List;

/**
 * What one ingest run reads: the accepted files with the digest each had when it was
 * validated (a file changed since then stops the run), and the rejected ones for the
 * record. Stored as JSON under {@code $NIGHTSHIFT_HOME/quality/manifests/}, so that a
 * restart reads exactly the same input.
 *
 * @param input the run's input key: SHA-256 over the sorted digests of the accepted files
 * @param mode {@code files} (named on the command line) or {@code inbox} (the inbox
 * folder, whose files are archived after the run)
 * @param createdAt when the files were validated
 * @param entries the accepted files, in reading order
 * @param rejected the rejected files
 */
record IngestManifest(String input, String mode, Instant createdAt, List<Entry> entries, List<Rejection> rejected) {

	static final String FILES = "files";

	static final String INBOX = "inbox";

	IngestManifest {
		entries = List.copyOf(entries);
		rejected = List.copyOf(rejected);
	}

	boolean inbox() {
		return INBOX.equals(this.mode);
	}

	/**
	 * @param path absolute path of the file
	 * @param sha256 hex SHA-256 of its content when validated
	 * @param bytes its size
	 * @param runId the run it holds
	 * @param tenant the run's tenant
	 */
	record Entry(String path, String sha256, long bytes, String runId, String tenant) {
	}

}
