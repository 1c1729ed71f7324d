package io.nightshift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes quality-report files (docs/schemas/quality-report.schema.json) for tests and
 * benchmarks.
 */
public final class QualityReportFiles {

	private QualityReportFiles() {
	}

	/**
	 * Writes {@code
	 *
	<dir>
	 * /<runId>.json} and returns its path.
	 */
	public static Path write(Path dir, String tenant, String runId, List<Task> tasks) {
		Instant generated = tasks.stream().map(Task::endedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
		StringBuilder json = new StringBuilder(256 + tasks.size() * 200);
		json.append("{\"runId\":\"")
			.append(runId)
			.append("\",\"generatedAt\":\"")
			.append(generated)
			.append("\",\"tenant\":\"")
			.append(tenant)
			.append("\",\"tasks\":[");
		for (int i = 0; i < tasks.size(); i++) {
			Task task = tasks.get(i);
			json.append((i > 0) ? ",\n" : "\n")
				.append("{\"project\":\"")
				.append(task.project())
				.append("\",\"target\":\"")
				.append(task.target())
				.append("\",\"status\":\"")
				.append(task.status())
				.append("\",\"durationMs\":")
				.append(task.durationMs())
				.append(",\"cached\":")
				.append(task.cached())
				.append(",\"startedAt\":\"")
				.append(task.startedAt())
				.append("\",\"endedAt\":\"")
				.append(task.endedAt())
				.append("\"}");
		}
		json.append("]}\n");
		try {
			Files.createDirectories(dir);
			Path file = dir.resolve(runId + ".json");
			Files.writeString(file, json, StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One task per project and target of {@code pairs}, ending at {@code end} minus a
	 * little: long-tailed durations, a quarter cached, a few failed.
	 */
	public static List<Task> randomTasks(SplittableRandom random, String[][] pairs, Instant end) {
		List<Task> tasks = new ArrayList<>(pairs.length);
		for (String[] pair : pairs) {
			boolean cached = random.nextInt(4) == 0;
			long duration = cached ? random.nextInt(500) : 1000 + (long) (30_000 * Math.exp(random.nextGaussian()));
			String status = (random.nextInt(25) == 0) ? "failed" : "success";
			Instant ended = end.minusMillis(random.nextInt(60_000));
			tasks.add(new Task(pair[0], pair[1], status, duration, cached, ended.minusMillis(duration), ended));
		}
		return tasks;
	}

	/** One task of a report. */
	public record Task(String project, String target, String status, long durationMs, boolean cached, Instant startedAt,
			Instant endedAt) {

		public static Task success(String project, String target, long durationMs, Instant endedAt) {
			return new Task(project, target, "success", durationMs, false, endedAt.minusMillis(durationMs), endedAt);
		}

	}

}
