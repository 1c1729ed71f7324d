package io.nightshift.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import io.nightshift.platform.json.CanonicalJson;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The ledger's hashes (docs/jobs/snapshot.md, "Chain algorithm").
 * <ul>
 * <li>content hash: SHA-256 of the payload, which is the RFC 8785 canonical JSON of the
 * snapshot, as UTF-8;</li>
 * <li>chain hash: SHA-256 of {@value #CHAIN_DOMAIN_TEXT} followed by the RFC 8785 form of
 * the entry's {@link EntryHeader}, which holds the previous entry's chain hash (64 zeros
 * for the first entry of a chain) and the content hash.</li>
 * </ul>
 * The domain prefix keeps a chain hash from ever equalling the hash of some payload.
 */
@Component
public final class LedgerHashing {

	/** The previous hash of the first entry of every chain. */
	public static final String GENESIS = "0".repeat(64);

	static final String CHAIN_DOMAIN_TEXT = "nightshift.ledger.entry.v1\\n";

	private static final byte[] CHAIN_DOMAIN = "nightshift.ledger.entry.v1\n".getBytes(StandardCharsets.UTF_8);

	private final CanonicalJson canonical;

	private final JsonMapper mapper;

	LedgerHashing(CanonicalJson canonical, JsonMapper mapper) {
		this.canonical = canonical;
		this.mapper = mapper.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
	}

	/**
	 * For verification without the application context (an export on an auditor's
	 * machine).
	 */
	static LedgerHashing standalone() {
		JsonMapper mapper = JsonMapper.builder().build();
		return new LedgerHashing(new CanonicalJson(mapper), mapper);
	}

	CanonicalJson canonical() {
		return this.canonical;
	}

	JsonNode parse(String json) {
		return this.mapper.readTree(json);
	}

	static String contentHash(byte[] payload) {
		return HexFormat.of().formatHex(CanonicalJson.sha256(payload));
	}

	String chainHash(EntryHeader header) {
		byte[] body = this.canonical.canonicalBytes(header);
		MessageDigest digest = sha256();
		digest.update(CHAIN_DOMAIN);
		digest.update(body);
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Capture times are kept to the microsecond, the precision of PostgreSQL. */
	static Instant capturedAt(Instant now) {
		return now.truncatedTo(ChronoUnit.MICROS);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
		}
	}

	/**
	 * What a chain hash commits to besides the payload: the entry's place in its chain
	 * and the facts stored next to the payload, so that none of them can change
	 * unnoticed, even after the payload is redacted.
	 *
	 * @param tenant tenant id
	 * @param kind {@code daily} or {@code weekly}
	 * @param seq position in the chain, from 1
	 * @param period the period's first day (ISO date)
	 * @param revision revision of the period, from 1
	 * @param supersedesSeq the seq of the revision this one supersedes; null for revision
	 * 1
	 * @param schemaVersion the payload's snapshot schema version
	 * @param coverage {@code COMPLETE} or {@code PARTIAL}
	 * @param coverageReasons the coverage reasons (an array, empty when complete)
	 * @param capturedAt capture instant, ISO-8601 UTC at microsecond precision
	 * @param contentHash SHA-256 of the payload
	 * @param prevHash chain hash of the entry before, or {@link #GENESIS}
	 */
	record EntryHeader(String tenant, String kind, long seq, String period, int revision, Long supersedesSeq,
			int schemaVersion, String coverage, JsonNode coverageReasons, String capturedAt, String contentHash,
			String prevHash) {
	}

}
