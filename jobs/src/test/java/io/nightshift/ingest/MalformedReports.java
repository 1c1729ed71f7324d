package io.nightshift.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The quality-report fixtures under src/test/resources/quality-reports: valid reports,
 * and malformed ones listed in malformed/expected.tsv with the kind of their problem and
 * the JSON pointer it must be reported at.
 */
final class MalformedReports {

	private MalformedReports() {
	}

	static Path folder(String name) {
		try {
			return Path.of(MalformedReports.class.getResource("/quality-reports/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<Case> cases() {
		try {
			return Files.readAllLines(folder("malformed").resolve("expected.tsv"))
				.stream()
				.filter((line) -> !line.startsWith("#") && !line.isBlank())
				.map((line) -> line.split("\t", -1))
				.map((fields) -> new Case(fields[0], fields[1], fields[2], fields[3]))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Path> valid() {
		return ReportFiles.list(folder("valid"));
	}

	/**
	 * @param file the fixture's file name
	 * @param kind syntax, schema, format (schema with format assertions), rule (beyond
	 * the schema) or reference (needs stored data)
	 * @param pointer the JSON pointer the problem must be reported at
	 * @param fragment a piece of the expected message
	 */
	record Case(String file, String kind, String pointer, String fragment) {

		Path path() {
			return folder("malformed").resolve(this.file);
		}

		byte[] content() {
			try {
				return Files.readAllBytes(path());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
