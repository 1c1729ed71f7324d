package io.nightshift.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.nightshift.platform.json.CanonicalJson;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The {@code program_overview} projection: how a program's SQL aggregate becomes a
 * document, and how a document is reduced to the canonical form that equality, hashes and
 * diffs are computed on.
 * <p>
 * The canonical form of a document drops {@code projectedAt} (when it was written is not
 * what it says), names {@code _id} {@code programId}, and normalizes representations that
 * mean the same value: every BSON number becomes its JSON number (Int32 5, Int64 5, 5.0
 * and Decimal128 5.00 are all {@code 5}), and every instant (a BSON date, or an ISO-8601
 * string in {@code sourceWatermark}) becomes an ISO-8601 UTC string with millisecond
 * precision, the precision of a BSON date. Any other field a document carries is part of
 * its canonical form, so a stray field is drift.
 */
@Component
class OverviewProjection {

	/** Enrollment statuses, in the order {@code byStatus} lists them. */
	static final List<String> STATUSES = List.of("invited", "active", "paused", "completed", "withdrawn");

	static final String COLLECTION = "program_overview";

	private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String WATERMARK = "sourceWatermark";

	private static final String HASH = "projectionHash";

	private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_992L;

	private final CanonicalJson canonical;

	private final JsonMapper json;

	OverviewProjection(CanonicalJson canonical, JsonMapper json) {
		this.canonical = canonical;
		this.json = json;
	}

	/** The document SQL says the program should have. */
	Overview project(ProgramAggregate aggregate) {
		long participants = aggregate.invited() + aggregate.active() + aggregate.paused() + aggregate.completed();
		Map<String, Object> byStatus = new LinkedHashMap<>();
		byStatus.put("invited", aggregate.invited());
		byStatus.put("active", aggregate.active());
		byStatus.put("paused", aggregate.paused());
		byStatus.put("completed", aggregate.completed());
		byStatus.put("withdrawn", aggregate.withdrawn());
		Instant watermark = (aggregate.watermark() != null) ? aggregate.watermark().truncatedTo(ChronoUnit.MILLIS)
				: null;
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("tenantId", aggregate.tenantId());
		fields.put("participantsCount", participants);
		fields.put("byStatus", byStatus);
		fields.put("kpiProgress", kpiProgress(aggregate, participants));
		fields.put(WATERMARK, (watermark != null) ? Date.from(watermark) : null);
		String hash = hash(content(aggregate.programId(), fields));
		fields.put(HASH, hash);
		return new Overview(aggregate.programId(), aggregate.tenantId(), fields, hash, watermark);
	}

	/** The document to store, stamped with when it was projected. */
	Document toDocument(Overview overview, Instant projectedAt) {
		Document document = new Document("_id", overview.programId());
		document.putAll(overview.fields());
		document.put("projectedAt", Date.from(projectedAt));
		return document;
	}

	/**
	 * The canonical form of the expected document: what it is compared on.
	 */
	Map<String, Object> comparable(Overview overview) {
		Map<String, Object> comparable = content(overview.programId(), overview.fields());
		comparable.put(HASH, overview.projectionHash());
		return comparable;
	}

	/**
	 * The canonical form of a stored document: every field but {@code projectedAt}, with
	 * values normalized.
	 */
	Map<String, Object> comparable(Document document) {
		Map<String, Object> comparable = new TreeMap<>();
		for (Map.Entry<String, Object> field : document.entrySet()) {
			switch (field.getKey()) {
				case "_id" -> comparable.put("programId", normalize(field.getValue(), "/_id"));
				case "projectedAt" -> {
				}
				default -> comparable.put(field.getKey(), normalize(field.getValue(), "/" + field.getKey()));
			}
		}
		return comparable;
	}

	/** SHA-256 of the canonical JSON form, lower-case hex. */
	String hash(Map<String, Object> comparable) {
		return this.canonical.sha256Hex(comparable);
	}

	String canonicalJson(Object value) {
		return this.canonical.canonicalize(value);
	}

	/**
	 * The fields that differ between two canonical forms, by JSON pointer, each with its
	 * expected and actual value (null when absent).
	 */
	Map<String, Object> diff(Map<String, Object> expected, Map<String, Object> actual) {
		Map<String, Object> left = new TreeMap<>();
		Map<String, Object> right = new TreeMap<>();
		flatten("", expected, left);
		flatten("", actual, right);
		Map<String, Object> diff = new TreeMap<>();
		for (String pointer : union(left, right)) {
			Object expectedValue = left.get(pointer);
			Object actualValue = right.get(pointer);
			if (!canonicalJson(wrap(expectedValue)).equals(canonicalJson(wrap(actualValue)))
					|| left.containsKey(pointer) != right.containsKey(pointer)) {
				Map<String, Object> change = new LinkedHashMap<>();
				change.put("expected", expectedValue);
				change.put("actual", actualValue);
				diff.put(pointer, change);
			}
		}
		return diff;
	}

	/**
	 * An ISO-8601 UTC instant with millisecond precision, as the canonical form has it.
	 */
	static String instant(Instant instant) {
		return INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * The instant a stored {@code sourceWatermark} holds (a BSON date or an ISO-8601
	 * string), or null when it holds none or something else.
	 */
	static Instant watermarkOf(Document document) {
		Object value = document.get(WATERMARK);
		if (value instanceof Date date) {
			return date.toInstant();
		}
		if (value instanceof String text) {
			return parseInstant(text);
		}
		return null;
	}

	private Map<String, Object> content(long programId, Map<String, Object> fields) {
		Map<String, Object> content = new TreeMap<>();
		content.put("programId", programId);
		fields.forEach((name, value) -> {
			if (!HASH.equals(name)) {
				content.put(name, normalize(value, "/" + name));
			}
		});
		return content;
	}

	private Map<String, Object> kpiProgress(ProgramAggregate aggregate, long participants) {
		Map<String, Object> progress = new TreeMap<>();
		JsonNode targets = this.json.readTree(aggregate.kpiTargetJson());
		if (!targets.isObject()) {
			return progress;
		}
		for (Map.Entry<String, JsonNode> target : targets.properties()) {
			Number actual = switch (target.getKey()) {
				case "participants" -> participants;
				case "completions" -> aggregate.completed();
				case "activeShare" -> (participants > 0) ? round((double) aggregate.active() / participants) : null;
				default -> null;
			};
			JsonNode goal = target.getValue();
			Map<String, Object> kpi = new LinkedHashMap<>();
			kpi.put("target", this.json.treeToValue(goal, Object.class));
			kpi.put("actual", actual);
			kpi.put("progress", (actual != null && goal.isNumber() && goal.doubleValue() > 0)
					? round(actual.doubleValue() / goal.doubleValue()) : null);
			progress.put(target.getKey(), kpi);
		}
		return progress;
	}

	private static double round(double value) {
		return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
	}

	/** A BSON (or plain Java) value in its canonical form. */
	static Object normalize(Object value, String pointer) {
		if (value == null) {
			return null;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> normalized = new TreeMap<>();
			map.forEach((key, child) -> normalized.put(String.valueOf(key), normalize(child, pointer + "/" + key)));
			return normalized;
		}
		if (value instanceof List<?> list) {
			List<Object> normalized = new ArrayList<>(list.size());
			for (int i = 0; i < list.size(); i++) {
				normalized.add(normalize(list.get(i), pointer + "/" + i));
			}
			return normalized;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Double || value instanceof Float) {
			return number(((Number) value).doubleValue());
		}
		if (value instanceof Decimal128 decimal) {
			return (decimal.isNaN() || decimal.isInfinite()) ? decimal.toString() : number(decimal.bigDecimalValue());
		}
		if (value instanceof BigDecimal decimal) {
			return number(decimal);
		}
		if (value instanceof Date date) {
			return instant(date.toInstant());
		}
		if (value instanceof Instant instant) {
			return instant(instant);
		}
		if (value instanceof String text) {
			if (pointer.equals("/" + WATERMARK)) {
				Instant parsed = parseInstant(text);
				return (parsed != null) ? instant(parsed) : text;
			}
			return text;
		}
		if (value instanceof Boolean) {
			return value;
		}
		if (value instanceof ObjectId id) {
			return id.toHexString();
		}
		return String.valueOf(value);
	}

	private static Object number(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			// No JSON number: kept as text so that the document can still be compared.
			return Double.toString(value);
		}
		if (value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER) {
			return (long) value;
		}
		return value;
	}

	private static Object number(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(MAX_SAFE_INTEGER)) <= 0) {
			return stripped.longValueExact();
		}
		return number(stripped.doubleValue());
	}

	private static Instant parseInstant(String text) {
		try {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String pointer, Object value, Map<String, Object> leaves) {
		if (value instanceof Map<?, ?> map && !map.isEmpty()) {
			((Map<String, Object>) map).forEach((key, child) -> flatten(pointer + "/" + escape(key), child, leaves));
			return;
		}
		leaves.put(pointer.isEmpty() ? "/" : pointer, value);
	}

	private static String escape(String key) {
		return key.replace("~", "~0").replace("/", "~1");
	}

	private static List<String> union(Map<String, Object> left, Map<String, Object> right) {
		TreeMap<String, Boolean> keys = new TreeMap<>();
		left.keySet().forEach((key) -> keys.put(key, true));
		right.keySet().forEach((key) -> keys.put(key, true));
		return new ArrayList<>(keys.keySet());
	}

	private static Object wrap(Object value) {
		// The canonical form of a lone scalar: wrapped so that null is a JSON value too.
		return Collections.singletonList(value);
	}

}
