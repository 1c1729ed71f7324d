package io.nightshift.ingest;

/**
 * A quality-report file that was not ingested, and why.
 *
 * @param path the file
 * @param pointer RFC 6901 JSON pointer of its first problem ("" = the whole file)
 * @param message what is wrong there
 */
public record Rejection(String path, String pointer, String message) {

	/** As an operator reads it: {@code reports/r1.json: /tasks/3/durationMs: ...}. */
	public String describe() {
		return this.path + ": " + (this.pointer.isEmpty() ? "(document)" : this.pointer) + ": " + this.message;
	}

}
