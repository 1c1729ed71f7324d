package io.nightshift.platform.json;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8785 conformance: the six vectors of the reference implementation byte for byte,
 * the number examples of the RFC's appendix B, and the edge cases the ledger relies on.
 */
class CanonicalJsonTests {

	private final CanonicalJson canonical = new CanonicalJson(JsonMapper.builder().build());

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "arrays", "french", "structures", "unicode", "values", "weird" })
	void conformanceVectorsAreReproducedByteForByte(String name) throws IOException {
		String input = new String(resource("input/" + name + ".json"), StandardCharsets.UTF_8);
		byte[] expected = resource("output/" + name + ".json");

		byte[] actual = this.canonical.canonicalizeJson(input).getBytes(StandardCharsets.UTF_8);

		assertThat(actual).as(name).isEqualTo(expected);
	}

	/** RFC 8785 appendix B: IEEE 754 bit patterns and their ECMAScript form. */
	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("appendixB")
	void numbersAreSerializedAsEcmaScriptPrintsThem(String bits, String expected) {
		double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

		assertThat(this.canonical.canonicalize(value)).isEqualTo(expected);
	}

	static Stream<Arguments> appendixB() {
		return Stream.of(Arguments.of("0000000000000000", "0"), Arguments.of("8000000000000000", "0"),
				Arguments.of("0000000000000001", "5e-324"), Arguments.of("8000000000000001", "-5e-324"),
				Arguments.of("7fefffffffffffff", "1.7976931348623157e+308"),
				Arguments.of("ffefffffffffffff", "-1.7976931348623157e+308"),
				Arguments.of("4340000000000000", "9007199254740992"),
				Arguments.of("c340000000000000", "-9007199254740992"),
				Arguments.of("4430000000000000", "295147905179352830000"),
				Arguments.of("44b52d02c7e14af5", "9.999999999999997e+22"), Arguments.of("44b52d02c7e14af6", "1e+23"),
				Arguments.of("44b52d02c7e14af7", "1.0000000000000001e+23"),
				Arguments.of("444b1ae4d6e2ef4e", "999999999999999700000"),
				Arguments.of("444b1ae4d6e2ef4f", "999999999999999900000"), Arguments.of("444b1ae4d6e2ef50", "1e+21"),
				Arguments.of("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"), Arguments.of("3eb0c6f7a0b5ed8d", "0.000001"),
				Arguments.of("41b3de4355555553", "333333333.3333332"),
				Arguments.of("41b3de4355555554", "333333333.33333325"),
				Arguments.of("41b3de4355555555", "333333333.3333333"),
				Arguments.of("41b3de4355555556", "333333333.3333334"),
				Arguments.of("41b3de4355555557", "333333333.33333343"),
				Arguments.of("becbf647612f3696", "-0.0000033333333333333333"),
				Arguments.of("43143ff3c1cb0959", "1424953923781206.2"));
	}

	@Test
	void negativeZeroIsZero() {
		assertThat(this.canonical.canonicalizeJson("[-0, -0.0, 0.0, -0e5]")).isEqualTo("[0,0,0,0]");
		assertThat(this.canonical.canonicalize(-0.0d)).isEqualTo("0");
		assertThat(this.canonical.canonicalize(List.of(-0.0f))).isEqualTo("[0]");
	}

	@Test
	void exponentThresholdsFollowEcmaScript() {
		assertThat(this.canonical.canonicalizeJson("[1e21, 1e20, 5e-7, 0.000001, 1E30, 2e-3, 4.50]"))
			.isEqualTo("[1e+21,100000000000000000000,5e-7,0.000001,1e+30,0.002,4.5]");
		assertThat(this.canonical.canonicalize(1e21)).isEqualTo("1e+21");
		assertThat(this.canonical.canonicalize(5e-7)).isEqualTo("5e-7");
	}

	@Test
	void theShortestRoundTripFormIsUsedWhereJava17DoubleToStringIsNot() {
		// Java 17 prints 2.0E-3 for 0.002 and 1.0E23 for 1e23, and for 2^-44 a longer
		// form than the shortest round-trip one (JDK-4511638, fixed in Java 19).
		double twoPowMinus44 = Math.scalb(1.0, -44);
		assertThat(this.canonical.canonicalize(twoPowMinus44)).isEqualTo("5.684341886080802e-14");
		assertThat(this.canonical.canonicalize(1e23)).isEqualTo("1e+23");
	}

	@Test
	void nonFiniteNumbersHaveNoCanonicalForm() {
		assertThatThrownBy(() -> this.canonical.canonicalize(Double.NaN))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessageContaining("NaN");
		assertThatThrownBy(() -> this.canonical.canonicalize(Map.of("x", Double.POSITIVE_INFINITY)))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessageStartingWith("/x:");
	}

	@Test
	void loneSurrogatesAreRejectedWhereverTheyAre() {
		assertThatThrownBy(() -> this.canonical.canonicalizeJson("{\"a\":[\"ok\",\"\\ud800\"]}"))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessage("/a/1: lone surrogate U+D800");
		assertThatThrownBy(() -> this.canonical.canonicalizeJson("{\"\\udc00x\":1}"))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessageContaining("lone surrogate U+DC00");
		assertThatThrownBy(() -> this.canonical.canonicalize(Map.of("k", "end\uD83D")))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessage("/k: lone surrogate U+D83D");
		assertThat(this.canonical.canonicalizeJson("\"\\ud83d\\ude00\"")).isEqualTo("\"\uD83D\uDE00\"");
	}

	@Test
	void keysAreOrderedByUtf16CodeUnitsNotCodePoints() {
		// U+FF20 (FULLWIDTH COMMERCIAL AT) is one code unit FF20; U+1F600 (GRINNING FACE)
		// is the surrogate pair D83D DE00. By code point the at sign comes first; by
		// UTF-16
		// code unit, as RFC 8785 requires, the emoji does.
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("\uFF20", 1);
		members.put("\uD83D\uDE00", 2);
		members.put("z", 3);

		assertThat(this.canonical.canonicalize(members)).isEqualTo("{\"z\":3,\"\uD83D\uDE00\":2,\"\uFF20\":1}");
		assertThat(this.canonical.canonicalizeJson("{\"\\uff20\":1,\"\\ud83d\\ude00\":2}"))
			.isEqualTo("{\"\uD83D\uDE00\":2,\"\uFF20\":1}");
	}

	@Test
	void integersBeyondTwoToThe53AreRejectedUnlessTheySurviveAnEcmaScriptRoundTrip() {
		long limit = 1L << 53;
		assertThat(this.canonical.canonicalize(limit)).isEqualTo("9007199254740992");
		assertThat(this.canonical.canonicalize(-limit)).isEqualTo("-9007199254740992");
		assertThatThrownBy(() -> this.canonical.canonicalize(Map.of("id", limit + 1)))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessage("/id: integer 9007199254740993 is beyond 2^53 and has no exact JSON number form"
					+ " (as an ECMAScript number it reads 9007199254740992); carry it as a string");
		assertThatThrownBy(() -> this.canonical.canonicalizeJson("[-9007199254740993]"))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessageStartingWith("/0: integer -9007199254740993");
		assertThatThrownBy(() -> this.canonical.canonicalize(1L << 60))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessageContaining("it reads 1152921504606847000");
		assertThatThrownBy(() -> this.canonical.canonicalize(new BigInteger("123456789012345678901234567890")))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class);
		// Integers whose digits are exactly what ECMAScript prints for their double lose
		// nothing, and canonical texts of integral doubles must parse back.
		assertThat(this.canonical.canonicalize(limit + 2)).isEqualTo("9007199254740994");
		assertThat(this.canonical.canonicalizeJson("[100000000000000000000, 9007199254740994]"))
			.isEqualTo("[100000000000000000000,9007199254740994]");
		// The policy: producers carry other values as strings, which keep every digit.
		assertThat(this.canonical.canonicalize(Map.of("id", Long.toString(limit + 1))))
			.isEqualTo("{\"id\":\"9007199254740993\"}");
	}

	@Test
	void theCulpritIsNamedByItsJsonPointer() {
		assertThatThrownBy(() -> this.canonical.canonicalizeJson("{\"a/b\":{\"c~d\":[1,2,{\"e\":\"\\udfff\"}]}}"))
			.isInstanceOf(CanonicalJson.CanonicalJsonException.class)
			.hasMessage("/a~1b/c~0d/2/e: lone surrogate U+DFFF")
			.satisfies((ex) -> assertThat(((CanonicalJson.CanonicalJsonException) ex).pointer())
				.isEqualTo("/a~1b/c~0d/2/e"));
	}

	@Test
	void duplicateMemberNamesAreRejected() {
		assertThatThrownBy(() -> this.canonical.canonicalizeJson("{\"a\":1,\"a\":2}"))
			.hasMessageContaining("Duplicate");
	}

	@Test
	void stringsAreEscapedAsJsonStringifyDoes() {
		assertThat(this.canonical.canonicalize("\u0000\u0008\t\n\u000b\f\r\u001f\"\\/\u007f\u00e9"))
			.isEqualTo("\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\\\"\\\\/\u007f\u00e9\"");
	}

	@Test
	void recordsAndNestedMapsAreCanonicalized() {
		record Inner(String b, double a) {
		}
		record Outer(List<Inner> items, Map<String, Object> meta, Object none) {
		}
		Outer value = new Outer(List.of(new Inner("x", 1.5), new Inner("y", 100.0)), Map.of("z", true, "a", 2), null);

		assertThat(this.canonical.canonicalize(value)).isEqualTo(
				"{\"items\":[{\"a\":1.5,\"b\":\"x\"},{\"a\":100,\"b\":\"y\"}],\"meta\":{\"a\":2,\"z\":true},\"none\":null}");
		assertThat(this.canonical.sha256Hex(value)).hasSize(64)
			.isEqualTo(CanonicalJsonTests.hex(CanonicalJson.sha256(this.canonical.canonicalBytes(value))));
	}

	@Property(tries = 2000)
	void everyFiniteDoubleRoundTripsThroughItsCanonicalForm(@ForAll double value) {
		if (!Double.isFinite(value)) {
			return;
		}
		String text = this.canonical.canonicalize(value);

		assertThat(Double.parseDouble(text)).isEqualTo((value == 0) ? 0.0 : value);
		assertThat(this.canonical.canonicalizeJson(text)).isEqualTo(text);
	}

	@Property(tries = 500)
	void canonicalizingCanonicalJsonChangesNothing(@ForAll Map<String, List<Integer>> value) {
		String once = this.canonical.canonicalize(value);

		assertThat(this.canonical.canonicalizeJson(once)).isEqualTo(once);
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream in = CanonicalJsonTests.class.getResourceAsStream("/jcs-rfc8785/" + name)) {
			assertThat(in).as("test resource jcs-rfc8785/" + name).isNotNull();
			return in.readAllBytes();
		}
	}

	private static String hex(byte[] bytes) {
		return java.util.HexFormat.of().formatHex(bytes);
	}

}
