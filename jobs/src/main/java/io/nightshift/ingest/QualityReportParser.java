package io.nightshift.ingest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a quality report and checks it against the published format
 * (docs/schemas/quality-report.schema.json), stopping at the first problem and naming it
 * with a JSON pointer.
 * <p>
 * Hand-written rather than a generic JSON Schema validator, for three reasons: the
 * problem reported is the first one in document order (a schema validator reports its
 * errors in the order it evaluates keywords), the checks the schema cannot express
 * (endedAt before startedAt, duplicate tasks, summaries that disagree with the tasks) run
 * in the same pass that binds the records, and the only JSON library on the class path
 * stays Jackson 3 (the maintained validators bind to Jackson 2). A test checks every
 * fixture against the published schema with such a validator, so the two cannot drift.
 * <p>
 * Order of the checks: JSON syntax; then structure and per-task rules in document order;
 * then the summaries against the tasks. References to stored data (tenant exists, runId
 * owned by another tenant) are checked by {@link ReportReferences}.
 */
final class QualityReportParser {

	/** Tasks per report; larger reports are almost certainly not one CI run. */
	static final int MAX_TASKS = 100_000;

	/** A week: longer task durations are unit mistakes (microseconds sent as ms). */
	static final long MAX_DURATION_MS = 7L * 24 * 3600 * 1000;

	static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}$");

	static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

	static final Pattern NAME = Pattern.compile("^[^\\s\\u0000-\\u001f](?:[^\\u0000-\\u001f]*[^\\s\\u0000-\\u001f])?$");

	static final Pattern DATE_TIME = Pattern
		.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})$");

	private static final int MAX_NAME_LENGTH = 200;

	private static final Set<String> STATUSES = Set.of("success", "failed", "skipped");

	private static final List<String> REPORT_PROPERTIES = List.of("$schema", "runId", "generatedAt", "tenant", "tasks",
			"aggregates");

	private static final List<String> TASK_PROPERTIES = List.of("project", "target", "status", "durationMs", "cached",
			"startedAt", "endedAt");

	private static final List<String> AGGREGATE_PROPERTIES = List.of("project", "tasks", "failed", "cached",
			"durationMs");

	private final JsonMapper json;

	QualityReportParser(JsonMapper json) {
		this.json = json.rebuild()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.build();
	}

	/** The report, or the first problem of the content. */
	Result parse(byte[] content) {
		if (content.length == 0) {
			return new Invalid("", "the file is empty (expected a JSON object)");
		}
		JsonNode root;
		try {
			root = this.json.readTree(content);
		}
		catch (JacksonException ex) {
			return syntaxProblem(ex);
		}
		if (root == null || root.isMissingNode()) {
			return new Invalid("", "the file holds no JSON value (expected a JSON object)");
		}
		try {
			return new Valid(report(root));
		}
		catch (Problem problem) {
			return new Invalid(problem.pointer, problem.getMessage());
		}
	}

	private static Invalid syntaxProblem(JacksonException ex) {
		String pointer = "";
		if (ex.processor() instanceof JsonParser parser) {
			pointer = parser.streamReadContext().pathAsPointer().toString();
		}
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
		// Jackson appends where a container started, naming a source it hides; the
		// pointer and the line say more.
		String message = String.valueOf(ex.getOriginalMessage()).lines().findFirst().orElse("");
		message = message.replaceFirst("\\s*\\(start marker at \\[Source:.*$", "");
		return new Invalid(pointer, "not valid JSON" + where + ": " + message);
	}

	private QualityReport report(JsonNode root) {
		object(root, "");
		String runId = null;
		Instant generatedAt = null;
		String tenant = null;
		List<QualityReport.Task> tasks = null;
		List<QualityReport.ProjectAggregate> aggregates = null;
		List<String> aggregatePointers = new ArrayList<>();
		for (Map.Entry<String, JsonNode> property : root.properties()) {
			String pointer = "/" + escape(property.getKey());
			JsonNode value = property.getValue();
			switch (property.getKey()) {
				case "$schema" -> string(value, pointer);
				case "runId" -> runId = matching(value, pointer, RUN_ID,
						"1 to 128 of A-Z a-z 0-9 . _ : + - starting with a letter or digit");
				case "generatedAt" -> generatedAt = dateTime(value, pointer);
				case "tenant" -> tenant = matching(value, pointer, TENANT,
						"a tenant id: 1 to 64 of a-z 0-9 - starting with a letter or digit");
				case "tasks" -> tasks = tasks(value, pointer);
				case "aggregates" -> aggregates = aggregates(value, pointer, aggregatePointers);
				default -> throw unknown(pointer, property.getKey(), REPORT_PROPERTIES);
			}
		}
		required(runId, "/runId");
		required(generatedAt, "/generatedAt");
		required(tenant, "/tenant");
		required(tasks, "/tasks");
		if (aggregates != null) {
			crossCheck(tasks, aggregates, aggregatePointers);
		}
		return new QualityReport(runId, generatedAt, tenant, tasks,
				(aggregates != null) ? aggregates : QualityReport.aggregatesOf(tasks));
	}

	private List<QualityReport.Task> tasks(JsonNode node, String pointer) {
		array(node, pointer);
		if (node.size() > MAX_TASKS) {
			throw new Problem(pointer, "must hold at most " + MAX_TASKS + " tasks, found " + node.size());
		}
		List<QualityReport.Task> tasks = new ArrayList<>(node.size());
		Map<String, Integer> seen = new HashMap<>();
		int index = 0;
		for (JsonNode element : node.values()) {
			String at = pointer + "/" + index;
			QualityReport.Task task = task(element, at);
			Integer first = seen.putIfAbsent(task.project() + '\u0000' + task.target(), index);
			if (first != null) {
				throw new Problem(at, "duplicate task " + task.project() + "/" + task.target() + " (first at " + pointer
						+ "/" + first + "); a run holds one task per project and target");
			}
			tasks.add(task);
			index++;
		}
		return tasks;
	}

	private QualityReport.Task task(JsonNode node, String pointer) {
		object(node, pointer);
		String project = null;
		String target = null;
		String status = null;
		Long durationMs = null;
		Boolean cached = null;
		Instant startedAt = null;
		Instant endedAt = null;
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			String at = pointer + "/" + escape(property.getKey());
			JsonNode value = property.getValue();
			switch (property.getKey()) {
				case "project" -> project = name(value, at);
				case "target" -> target = name(value, at);
				case "status" -> status = status(value, at);
				case "durationMs" -> durationMs = integer(value, at, 0, MAX_DURATION_MS);
				case "cached" -> cached = bool(value, at);
				case "startedAt" -> startedAt = dateTime(value, at);
				case "endedAt" -> endedAt = dateTime(value, at);
				default -> throw unknown(at, property.getKey(), TASK_PROPERTIES);
			}
		}
		required(project, pointer + "/project");
		required(target, pointer + "/target");
		required(status, pointer + "/status");
		required(durationMs, pointer + "/durationMs");
		required(cached, pointer + "/cached");
		required(startedAt, pointer + "/startedAt");
		required(endedAt, pointer + "/endedAt");
		if (endedAt.isBefore(startedAt)) {
			throw new Problem(pointer + "/endedAt", "endedAt " + endedAt + " is before startedAt " + startedAt);
		}
		return new QualityReport.Task(project, target, status, durationMs, cached, startedAt, endedAt);
	}

	private List<QualityReport.ProjectAggregate> aggregates(JsonNode node, String pointer, List<String> pointers) {
		array(node, pointer);
		List<QualityReport.ProjectAggregate> aggregates = new ArrayList<>(node.size());
		int index = 0;
		for (JsonNode element : node.values()) {
			String at = pointer + "/" + index++;
			object(element, at);
			String project = null;
			Long tasks = null;
			Long failed = null;
			Long cached = null;
			Long durationMs = null;
			for (Map.Entry<String, JsonNode> property : element.properties()) {
				String field = at + "/" + escape(property.getKey());
				JsonNode value = property.getValue();
				switch (property.getKey()) {
					case "project" -> project = name(value, field);
					case "tasks" -> tasks = integer(value, field, 0, MAX_TASKS);
					case "failed" -> failed = integer(value, field, 0, MAX_TASKS);
					case "cached" -> cached = integer(value, field, 0, MAX_TASKS);
					case "durationMs" -> durationMs = integer(value, field, 0, MAX_DURATION_MS * MAX_TASKS);
					default -> throw unknown(field, property.getKey(), AGGREGATE_PROPERTIES);
				}
			}
			required(project, at + "/project");
			required(tasks, at + "/tasks");
			required(failed, at + "/failed");
			required(cached, at + "/cached");
			required(durationMs, at + "/durationMs");
			aggregates.add(new QualityReport.ProjectAggregate(project, tasks, failed, cached, durationMs));
			pointers.add(at);
		}
		return aggregates;
	}

	/** The summaries must be exactly those of the tasks: one per project, same sums. */
	private static void crossCheck(List<QualityReport.Task> tasks, List<QualityReport.ProjectAggregate> aggregates,
			List<String> pointers) {
		Map<String, QualityReport.ProjectAggregate> expected = new HashMap<>();
		QualityReport.aggregatesOf(tasks).forEach((aggregate) -> expected.put(aggregate.project(), aggregate));
		Map<String, String> seen = new HashMap<>();
		for (int i = 0; i < aggregates.size(); i++) {
			QualityReport.ProjectAggregate given = aggregates.get(i);
			String at = pointers.get(i);
			String first = seen.putIfAbsent(given.project(), at);
			if (first != null) {
				throw new Problem(at + "/project",
						"duplicate summary of project " + given.project() + " (first at " + first + ")");
			}
			QualityReport.ProjectAggregate want = expected.get(given.project());
			if (want == null) {
				throw new Problem(at + "/project", "no task of project " + given.project() + " in /tasks");
			}
			agree(at + "/tasks", given.tasks(), want.tasks(), given.project());
			agree(at + "/failed", given.failed(), want.failed(), given.project());
			agree(at + "/cached", given.cached(), want.cached(), given.project());
			agree(at + "/durationMs", given.durationMs(), want.durationMs(), given.project());
		}
		for (String project : expected.keySet().stream().sorted().toList()) {
			if (!seen.containsKey(project)) {
				throw new Problem("/aggregates", "no summary of project " + project
						+ " (when aggregates is given, every project of /tasks needs one)");
			}
		}
	}

	private static void agree(String pointer, long given, long expected, String project) {
		if (given != expected) {
			throw new Problem(pointer, "is " + given + " but the tasks of project " + project + " give " + expected);
		}
	}

	private static void object(JsonNode node, String pointer) {
		if (!node.isObject()) {
			throw new Problem(pointer, "must be an object, found " + kind(node));
		}
	}

	private static void array(JsonNode node, String pointer) {
		if (!node.isArray()) {
			throw new Problem(pointer, "must be an array, found " + kind(node));
		}
	}

	private static String string(JsonNode node, String pointer) {
		if (!node.isString()) {
			throw new Problem(pointer, "must be a string, found " + kind(node));
		}
		return node.stringValue();
	}

	private static String matching(JsonNode node, String pointer, Pattern pattern, String expected) {
		String value = string(node, pointer);
		if (!pattern.matcher(value).matches()) {
			throw new Problem(pointer, "'" + abbreviate(value) + "' is not " + expected);
		}
		return value;
	}

	private static String name(JsonNode node, String pointer) {
		String value = string(node, pointer);
		int length = value.codePointCount(0, value.length());
		if (length == 0 || length > MAX_NAME_LENGTH) {
			throw new Problem(pointer, "must be 1 to " + MAX_NAME_LENGTH + " characters, found " + length);
		}
		if (!NAME.matcher(value).matches()) {
			throw new Problem(pointer,
					"'" + abbreviate(value) + "' has control characters or leading or trailing white space");
		}
		return value;
	}

	private static String status(JsonNode node, String pointer) {
		String value = string(node, pointer);
		if (!STATUSES.contains(value)) {
			throw new Problem(pointer, "'" + abbreviate(value) + "' is not one of success, failed, skipped");
		}
		return value;
	}

	private static Boolean bool(JsonNode node, String pointer) {
		if (!node.isBoolean()) {
			throw new Problem(pointer, "must be true or false, found " + kind(node));
		}
		return node.booleanValue();
	}

	private static Long integer(JsonNode node, String pointer, long min, long max) {
		if (!node.isNumber()) {
			throw new Problem(pointer, "must be an integer, found " + kind(node));
		}
		BigInteger value;
		if (node.isIntegralNumber()) {
			value = node.bigIntegerValue();
		}
		else {
			BigDecimal decimal = node.decimalValue().stripTrailingZeros();
			if (decimal.scale() > 0) {
				throw new Problem(pointer, "must be an integer, found " + decimal.toPlainString());
			}
			value = decimal.toBigIntegerExact();
		}
		if (value.compareTo(BigInteger.valueOf(min)) < 0) {
			throw new Problem(pointer, "must be at least " + min + ", found " + value);
		}
		if (value.compareTo(BigInteger.valueOf(max)) > 0) {
			throw new Problem(pointer, "must be at most " + max + ", found " + value);
		}
		return value.longValueExact();
	}

	private static Instant dateTime(JsonNode node, String pointer) {
		String value = string(node, pointer);
		if (!DATE_TIME.matcher(value).matches()) {
			throw new Problem(pointer, "'" + abbreviate(value)
					+ "' is not an RFC 3339 date-time with seconds and offset (e.g. 2026-11-22T07:15:02Z)");
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new Problem(pointer, "'" + value + "' is not a valid date-time: " + ex.getMessage());
		}
	}

	private static void required(Object value, String pointer) {
		if (value == null) {
			throw new Problem(pointer, "required property is missing");
		}
	}

	private static Problem unknown(String pointer, String name, List<String> allowed) {
		return new Problem(pointer,
				"unknown property '" + abbreviate(name) + "' (allowed: " + String.join(", ", allowed) + ")");
	}

	private static String kind(JsonNode node) {
		return switch (node.getNodeType()) {
			case STRING -> "a string";
			case NUMBER -> "a number";
			case BOOLEAN -> "a boolean";
			case NULL -> "null";
			case ARRAY -> "an array";
			case OBJECT -> "an object";
			default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
		};
	}

	/** RFC 6901: '~' and '/' in a property name are escaped in a pointer. */
	static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

	private static String abbreviate(String value) {
		return (value.length() > 60) ? value.substring(0, 57) + "..." : value;
	}

	/** What parsing a report came to. */
	sealed interface Result permits Valid, Invalid {

	}

	/** A report that follows the format. */
	record Valid(QualityReport report) implements Result {
	}

	/**
	 * The first problem of a report.
	 *
	 * @param pointer RFC 6901 JSON pointer of the value at fault ("" = the whole
	 * document)
	 * @param message what is wrong with it
	 */
	record Invalid(String pointer, String message) implements Result {
	}

	private static final class Problem extends RuntimeException {

		private final String pointer;

		Problem(String pointer, String message) {
			super(message, null, false, false);
			this.pointer = pointer;
		}

	}

}
