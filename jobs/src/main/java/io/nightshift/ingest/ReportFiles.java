package io.nightshift.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.nightshift.platform.NightshiftException;

/** Finds the quality-report files named on the command line or lying in the inbox. */
final class ReportFiles {

	private ReportFiles() {
	}

	/**
	 * Each path as given: a file stands for itself, a folder for the {@code *.json} files
	 * directly in it (not its sub-folders, which hold an inbox's archive). A path that
	 * does not exist is a usage error.
	 */
	static List<Path> expand(List<Path> paths) {
		List<Path> files = new ArrayList<>();
		for (Path path : paths) {
			if (Files.isDirectory(path)) {
				files.addAll(list(path));
			}
			else if (Files.isRegularFile(path)) {
				files.add(path.toAbsolutePath().normalize());
			}
			else {
				throw NightshiftException.usage(path + ": no such file or folder");
			}
		}
		return files.stream().distinct().toList();
	}

	/** The {@code *.json} files directly in a folder, by name. */
	static List<Path> list(Path folder) {
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.filter((path) -> path.getFileName().toString().endsWith(".json"))
				.filter((path) -> !path.getFileName().toString().startsWith("."))
				.filter(Files::isRegularFile)
				.map((path) -> path.toAbsolutePath().normalize())
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw NightshiftException.usage(folder + ": cannot list the folder: " + ex.getMessage());
		}
	}

}
