package io.nightshift.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import org.bson.BsonTimestamp;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Turns source JSON (PostgreSQL jsonb text, Mongo documents) into trees that always have
 * a canonical form, by the platform's policy: integers beyond ±2^53 and numbers beyond
 * the double range are carried as strings (every digit kept); BSON dates become ISO-8601
 * instants, object ids hex strings, binaries base64 strings, decimals strings.
 */
@Component
final class SourceJson {

	private static final BigInteger MAX_SAFE = BigInteger.ONE.shiftLeft(53);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonMapper mapper;

	SourceJson(JsonMapper mapper) {
		// Decimals are read exactly so that one beyond the double range can be kept as
		// text.
		this.mapper = mapper.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
	}

	JsonNode parse(String json) {
		return sanitize(this.mapper.readTree(json));
	}

	static JsonNode sanitize(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = NODES.objectNode();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				copy.set(member.getKey(), sanitize(member.getValue()));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = NODES.arrayNode(node.size());
			node.forEach((element) -> copy.add(sanitize(element)));
			return copy;
		}
		if (node.isIntegralNumber()) {
			BigInteger value = node.bigIntegerValue();
			return (value.abs().compareTo(MAX_SAFE) > 0) ? NODES.stringNode(value.toString()) : node;
		}
		if (node.isNumber()) {
			double value = node.doubleValue();
			return Double.isFinite(value) ? NODES.numberNode(value) : NODES.stringNode(node.decimalValue().toString());
		}
		return node;
	}

	/** A BSON value (as the Java driver decodes it) as a tree with a canonical form. */
	static JsonNode bson(Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof Map<?, ?> map) {
			ObjectNode object = NODES.objectNode();
			map.forEach((key, member) -> object.set(String.valueOf(key), bson(member)));
			return object;
		}
		if (value instanceof Iterable<?> list) {
			ArrayNode array = NODES.arrayNode();
			list.forEach((element) -> array.add(bson(element)));
			return array;
		}
		if (value instanceof String text) {
			return NODES.stringNode(text);
		}
		if (value instanceof Boolean flag) {
			return NODES.booleanNode(flag);
		}
		if (value instanceof Integer number) {
			return NODES.numberNode(number.intValue());
		}
		if (value instanceof Long number) {
			return sanitize(NODES.numberNode(number.longValue()));
		}
		if (value instanceof Double number) {
			return Double.isFinite(number) ? NODES.numberNode(number.doubleValue())
					: NODES.stringNode(number.toString());
		}
		if (value instanceof Decimal128 decimal) {
			return NODES.stringNode(decimal.toString());
		}
		if (value instanceof BigDecimal decimal) {
			return NODES.stringNode(decimal.toPlainString());
		}
		if (value instanceof Date date) {
			return NODES.stringNode(date.toInstant().toString());
		}
		if (value instanceof Instant instant) {
			return NODES.stringNode(instant.toString());
		}
		if (value instanceof ObjectId id) {
			return NODES.stringNode(id.toHexString());
		}
		if (value instanceof Binary binary) {
			return NODES.stringNode(Base64.getEncoder().encodeToString(binary.getData()));
		}
		if (value instanceof byte[] bytes) {
			return NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
		}
		if (value instanceof BsonTimestamp timestamp) {
			return NODES.stringNode(timestamp.getTime() + ":" + timestamp.getInc());
		}
		return NODES.stringNode(value.toString());
	}

}
