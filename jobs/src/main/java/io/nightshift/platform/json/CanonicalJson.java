package io.nightshift.platform.json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.erdtman.jcs.NumberToJSON;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 8785 (JSON Canonicalization Scheme): object members sorted by the UTF-16 code units
 * of their names, no whitespace, strings escaped as ECMAScript's JSON.stringify does,
 * numbers as ECMAScript prints them. Number formatting comes from the RFC author's
 * implementation (Java 17's {@code Double.toString} is not always the shortest round-trip
 * form); the tree walk is ours so that values are serialized once, not printed and parsed
 * again.
 * <p>
 * Policy for integers beyond ±2^53: an integer is written only if ECMAScript would print
 * the double nearest to it with exactly the same digits (9007199254740994 and 1e20 pass;
 * 9007199254740993 would become ...992 and 2^60 would become 1152921504606847000); any
 * other is rejected, and producers carry such values as strings. This keeps every
 * canonical text canonicalizable again (an integral double such as 2^53 + 2 prints
 * without an exponent and parses back as an integer literal) while no integer ever loses
 * a digit. Lone surrogates and duplicate member names are rejected too.
 */
public final class CanonicalJson {

	/** 2^53: the largest magnitude up to which every integer is exact in a double. */
	private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_992L;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final JsonMapper mapper;

	public CanonicalJson(JsonMapper mapper) {
		this.mapper = mapper.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
	}

	/**
	 * The canonical form of a value (a record, map, list or scalar) as Jackson would
	 * serialize it.
	 */
	public String canonicalize(Object value) {
		JsonNode node = (value instanceof JsonNode tree) ? tree : this.mapper.valueToTree(value);
		StringBuilder out = new StringBuilder(256);
		try {
			write(node, out);
		}
		catch (Culprit culprit) {
			throw culprit.toException();
		}
		return out.toString();
	}

	/**
	 * The canonical form of a JSON text; rejects invalid JSON and duplicate member names.
	 */
	public String canonicalizeJson(String json) {
		return canonicalize(this.mapper.readTree(json));
	}

	public byte[] canonicalBytes(Object value) {
		return canonicalize(value).getBytes(StandardCharsets.UTF_8);
	}

	/** SHA-256 of the canonical UTF-8 bytes, lower-case hex. */
	public String sha256Hex(Object value) {
		return HexFormat.of().formatHex(sha256(canonicalBytes(value)));
	}

	public static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
		}
	}

	private static void write(JsonNode node, StringBuilder out) {
		switch (node.getNodeType()) {
			case OBJECT -> writeObject(node, out);
			case ARRAY -> {
				out.append('[');
				for (int i = 0; i < node.size(); i++) {
					if (i > 0) {
						out.append(',');
					}
					try {
						write(node.get(i), out);
					}
					catch (Culprit culprit) {
						throw culprit.in(Integer.toString(i));
					}
				}
				out.append(']');
			}
			case STRING -> writeString(node.stringValue(), out);
			case NUMBER -> writeNumber(node, out);
			case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
			case NULL -> out.append("null");
			default -> throw new Culprit("cannot canonicalize a " + node.getNodeType() + " node");
		}
	}

	private static void writeObject(JsonNode node, StringBuilder out) {
		List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
		// String.compareTo compares UTF-16 code units, which is the order RFC 8785
		// prescribes.
		members.sort(Map.Entry.comparingByKey());
		out.append('{');
		boolean first = true;
		for (Map.Entry<String, JsonNode> member : members) {
			if (!first) {
				out.append(',');
			}
			first = false;
			try {
				writeString(member.getKey(), out);
				out.append(':');
				write(member.getValue(), out);
			}
			catch (Culprit culprit) {
				throw culprit.in(member.getKey());
			}
		}
		out.append('}');
	}

	private static void writeNumber(JsonNode node, StringBuilder out) {
		if (node.isIntegralNumber()) {
			if (node.canConvertToLong()) {
				long value = node.longValue();
				if (value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER) {
					out.append(value);
					return;
				}
			}
			BigInteger value = node.bigIntegerValue();
			String digits = value.toString();
			String ecmaScript = ecmaScript(value.doubleValue());
			if (!digits.equals(ecmaScript)) {
				throw new Culprit("integer " + digits + " is beyond 2^53 and has no exact JSON number form (as an"
						+ " ECMAScript number it reads " + ecmaScript + "); carry it as a string");
			}
			out.append(digits);
			return;
		}
		double value = node.doubleValue();
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new Culprit("NaN and Infinity are not JSON numbers");
		}
		out.append(ecmaScript(value));
	}

	private static String ecmaScript(double value) {
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		try {
			return NumberToJSON.serializeNumber(value);
		}
		catch (IOException ex) {
			throw new Culprit(ex.getMessage());
		}
	}

	private static void writeString(String value, StringBuilder out) {
		out.append('"');
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
				out.append(c);
				continue;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= length || !Character.isLowSurrogate(value.charAt(i + 1))) {
					throw new Culprit("lone surrogate U+" + Integer.toHexString(c).toUpperCase());
				}
				out.append(c).append(value.charAt(++i));
				continue;
			}
			if (Character.isLowSurrogate(c)) {
				throw new Culprit("lone surrogate U+" + Integer.toHexString(c).toUpperCase());
			}
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		out.append('"');
	}

	/**
	 * Raised deep in the tree walk; each enclosing container adds its member name or
	 * index on the way up, so the happy path never builds a pointer.
	 */
	private static final class Culprit extends RuntimeException {

		private final ArrayDeque<String> path = new ArrayDeque<>();

		Culprit(String message) {
			super(message, null, false, false);
		}

		Culprit in(String segment) {
			this.path.addFirst(segment.replace("~", "~0").replace("/", "~1"));
			return this;
		}

		CanonicalJsonException toException() {
			StringBuilder pointer = new StringBuilder();
			this.path.forEach((segment) -> pointer.append('/').append(segment));
			return new CanonicalJsonException(pointer.toString(), getMessage());
		}

	}

	/** A value that has no canonical form; names the JSON pointer of the culprit. */
	public static class CanonicalJsonException extends IllegalArgumentException {

		private final String pointer;

		CanonicalJsonException(String pointer, String message) {
			super(((pointer.isEmpty()) ? "/" : pointer) + ": " + message);
			this.pointer = pointer;
		}

		public String pointer() {
			return this.pointer;
		}

	}

}
