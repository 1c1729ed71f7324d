package io.nightshift.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.nightshift.platform.Durations;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a command's result as a text table or as JSON on stdout. Nothing else writes to
 * stdout: logs go to stderr, so {@code -o json} output can be piped.
 */
final class Output {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final PrintWriter out;

	private final Format format;

	private final JsonMapper json;

	Output(PrintWriter out, Format format, JsonMapper json) {
		this.out = out;
		this.format = format;
		this.json = json;
	}

	boolean json() {
		return this.format == Format.JSON;
	}

	void json(Object value) {
		this.out
			.println(this.json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(value));
		this.out.flush();
	}

	void line(String text) {
		this.out.println(text);
		this.out.flush();
	}

	void table(List<String> headers, List<List<String>> rows) {
		int[] widths = new int[headers.size()];
		for (int i = 0; i < headers.size(); i++) {
			widths[i] = headers.get(i).length();
		}
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], cell(row.get(i)).length());
			}
		}
		this.out.println(formatRow(headers, widths));
		List<String> rule = new ArrayList<>();
		for (int width : widths) {
			rule.add("-".repeat(width));
		}
		this.out.println(formatRow(rule, widths));
		for (List<String> row : rows) {
			this.out.println(formatRow(row, widths));
		}
		this.out.flush();
	}

	private static String formatRow(List<String> cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			String cell = cell(cells.get(i));
			line.append(cell);
			if (i < cells.size() - 1) {
				line.append(" ".repeat(widths[i] - cell.length() + 2));
			}
		}
		return line.toString().stripTrailing();
	}

	private static String cell(String value) {
		return (value == null) ? "-" : value;
	}

	static String time(Instant instant) {
		return (instant != null) ? TIME.format(LocalDateTime.ofInstant(instant, ZoneId.systemDefault())) : null;
	}

	static String duration(Long millis) {
		return Durations.human(millis);
	}

	static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	enum Format {

		TABLE, JSON

	}

}
