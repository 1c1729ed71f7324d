package io.nightshift.platform.json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
		Utf8 out = write(value);
		return new String(out.bytes, 0, out.length, StandardCharsets.UTF_8);
	}

	/**
	 * The canonical form of a JSON text; rejects invalid JSON and duplicate member names.
	 */
	public String canonicalizeJson(String json) {
		return canonicalize(this.mapper.readTree(json));
	}

	/** The canonical form as UTF-8 bytes: what is hashed. */
	public byte[] canonicalBytes(Object value) {
		Utf8 out = write(value);
		return Arrays.copyOf(out.bytes, out.length);
	}

	/** SHA-256 of the canonical UTF-8 bytes, lower-case hex. */
	public String sha256Hex(Object value) {
		Utf8 out = write(value);
		MessageDigest digest = sha256();
		digest.update(out.bytes, 0, out.length);
		return HexFormat.of().formatHex(digest.digest());
	}

	public static byte[] sha256(byte[] bytes) {
		return sha256().digest(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
		}
	}

	private Utf8 write(Object value) {
		JsonNode node = (value instanceof JsonNode tree) ? tree : this.mapper.valueToTree(value);
		Utf8 out = new Utf8();
		try {
			write(node, out);
		}
		catch (Culprit culprit) {
			throw culprit.toException();
		}
		return out;
	}

	private static void write(JsonNode node, Utf8 out) {
		switch (node.getNodeType()) {
			case OBJECT -> writeObject(node, out);
			case ARRAY -> {
				out.ascii('[');
				for (int i = 0; i < node.size(); i++) {
					if (i > 0) {
						out.ascii(',');
					}
					try {
						write(node.get(i), out);
					}
					catch (Culprit culprit) {
						throw culprit.in(Integer.toString(i));
					}
				}
				out.ascii(']');
			}
			case STRING -> writeString(node.stringValue(), out);
			case NUMBER -> writeNumber(node, out);
			case BOOLEAN -> out.ascii(node.booleanValue() ? "true" : "false");
			case NULL -> out.ascii("null");
			default -> throw new Culprit("cannot canonicalize a " + node.getNodeType() + " node");
		}
	}

	private static void writeObject(JsonNode node, Utf8 out) {
		Collection<Map.Entry<String, JsonNode>> members = node.properties();
		if (!ordered(members)) {
			List<Map.Entry<String, JsonNode>> sorted = new ArrayList<>(members);
			// String.compareTo compares UTF-16 code units, which is the order RFC 8785
			// prescribes.
			sorted.sort(Map.Entry.comparingByKey());
			members = sorted;
		}
		out.ascii('{');
		boolean first = true;
		for (Map.Entry<String, JsonNode> member : members) {
			if (!first) {
				out.ascii(',');
			}
			first = false;
			try {
				writeString(member.getKey(), out);
				out.ascii(':');
				write(member.getValue(), out);
			}
			catch (Culprit culprit) {
				throw culprit.in(member.getKey());
			}
		}
		out.ascii('}');
	}

	/** Members often arrive in order already (Jackson sorts record properties). */
	private static boolean ordered(Collection<Map.Entry<String, JsonNode>> members) {
		String previous = null;
		for (Map.Entry<String, JsonNode> member : members) {
			if (previous != null && previous.compareTo(member.getKey()) > 0) {
				return false;
			}
			previous = member.getKey();
		}
		return true;
	}

	private static void writeNumber(JsonNode node, Utf8 out) {
		if (node.isIntegralNumber()) {
			if (node.canConvertToLong()) {
				long value = node.longValue();
				if (value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER) {
					out.ascii(Long.toString(value));
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
			out.ascii(digits);
			return;
		}
		double value = node.doubleValue();
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new Culprit("NaN and Infinity are not JSON numbers");
		}
		if (value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER) {
			// Integral doubles print as integers in ECMAScript (-0 as 0); no need for the
			// shortest-digits search.
			out.ascii(Long.toString((long) value));
			return;
		}
		out.ascii(ecmaScript(value));
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

	private static void writeString(String value, Utf8 out) {
		out.ascii('"');
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x80) {
				if (c == '"' || c == '\\') {
					out.ascii('\\');
				}
				out.ascii(c);
			}
			else if (c < 0x20) {
				switch (c) {
					case '\b' -> out.ascii("\\b");
					case '\f' -> out.ascii("\\f");
					case '\n' -> out.ascii("\\n");
					case '\r' -> out.ascii("\\r");
					case '\t' -> out.ascii("\\t");
					default -> out.ascii("\\u00").ascii(HEX[c >> 4]).ascii(HEX[c & 0xF]);
				}
			}
			else if (Character.isHighSurrogate(c)) {
				if (i + 1 >= length || !Character.isLowSurrogate(value.charAt(i + 1))) {
					throw new Culprit("lone surrogate U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT));
				}
				out.codePoint(Character.toCodePoint(c, value.charAt(++i)));
			}
			else if (Character.isLowSurrogate(c)) {
				throw new Culprit("lone surrogate U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT));
			}
			else {
				out.codePoint(c);
			}
		}
		out.ascii('"');
	}

	/**
	 * A growing UTF-8 buffer: canonical text is hashed as bytes, so it is built as bytes.
	 */
	private static final class Utf8 {

		private byte[] bytes = new byte[256];

		private int length;

		Utf8 ascii(char c) {
			if (this.length == this.bytes.length) {
				grow(1);
			}
			this.bytes[this.length++] = (byte) c;
			return this;
		}

		Utf8 ascii(String text) {
			int size = text.length();
			if (this.length + size > this.bytes.length) {
				grow(size);
			}
			for (int i = 0; i < size; i++) {
				this.bytes[this.length++] = (byte) text.charAt(i);
			}
			return this;
		}

		void codePoint(int codePoint) {
			if (this.length + 4 > this.bytes.length) {
				grow(4);
			}
			if (codePoint < 0x80) {
				this.bytes[this.length++] = (byte) codePoint;
			}
			else if (codePoint < 0x800) {
				this.bytes[this.length++] = (byte) (0xC0 | (codePoint >> 6));
				this.bytes[this.length++] = (byte) (0x80 | (codePoint & 0x3F));
			}
			else if (codePoint < 0x10000) {
				this.bytes[this.length++] = (byte) (0xE0 | (codePoint >> 12));
				this.bytes[this.length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
				this.bytes[this.length++] = (byte) (0x80 | (codePoint & 0x3F));
			}
			else {
				this.bytes[this.length++] = (byte) (0xF0 | (codePoint >> 18));
				this.bytes[this.length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
				this.bytes[this.length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
				this.bytes[this.length++] = (byte) (0x80 | (codePoint & 0x3F));
			}
		}

		private void grow(int needed) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + needed));
		}

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
