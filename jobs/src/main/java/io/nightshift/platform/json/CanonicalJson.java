package io.nightshift.platform.json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * Policy for integers beyond ±2^53: they cannot be represented exactly as ECMAScript
 * numbers, so they are rejected; producers carry such values as strings. Lone surrogates
 * and duplicate member names are rejected too.
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
		write(node, out, "");
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

	private static void write(JsonNode node, StringBuilder out, String pointer) {
		switch (node.getNodeType()) {
			case OBJECT -> writeObject(node, out, pointer);
			case ARRAY -> {
				out.append('[');
				for (int i = 0; i < node.size(); i++) {
					if (i > 0) {
						out.append(',');
					}
					write(node.get(i), out, pointer + "/" + i);
				}
				out.append(']');
			}
			case STRING -> writeString(node.stringValue(), out, pointer);
			case NUMBER -> writeNumber(node, out, pointer);
			case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
			case NULL -> out.append("null");
			default ->
				throw new CanonicalJsonException(pointer, "cannot canonicalize a " + node.getNodeType() + " node");
		}
	}

	private static void writeObject(JsonNode node, StringBuilder out, String pointer) {
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
			String child = pointer + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
			writeString(member.getKey(), out, child);
			out.append(':');
			write(member.getValue(), out, child);
		}
		out.append('}');
	}

	private static void writeNumber(JsonNode node, StringBuilder out, String pointer) {
		if (node.isIntegralNumber()) {
			BigInteger value = node.bigIntegerValue();
			if (value.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
				throw new CanonicalJsonException(pointer,
						"integer " + value + " is beyond 2^53 and has no exact JSON number form; carry it as a string");
			}
			out.append(value.longValue());
			return;
		}
		double value = node.doubleValue();
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new CanonicalJsonException(pointer, "NaN and Infinity are not JSON numbers");
		}
		try {
			out.append(NumberToJSON.serializeNumber(value));
		}
		catch (IOException ex) {
			throw new CanonicalJsonException(pointer, ex.getMessage());
		}
	}

	private static void writeString(String value, StringBuilder out, String pointer) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
					throw new CanonicalJsonException(pointer,
							"lone surrogate U+" + Integer.toHexString(c).toUpperCase());
				}
				out.append(c).append(value.charAt(++i));
				continue;
			}
			if (Character.isLowSurrogate(c)) {
				throw new CanonicalJsonException(pointer, "lone surrogate U+" + Integer.toHexString(c).toUpperCase());
			}
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
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
