package io.nightshift.ledger;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * A ledger export (format {@value #FORMAT}, version {@value #VERSION};
 * docs/jobs/snapshot.md, "Export format"): a tenant's chains with every entry's hashed
 * fields from the first entry to the head, and the canonical payloads of the entries in
 * the exported range, so that an auditor can recompute every hash and link offline.
 *
 * @param format {@value #FORMAT}
 * @param formatVersion {@value #VERSION}
 * @param tenant the tenant
 * @param exportedAt when the export was written (ISO-8601 UTC)
 * @param generator the nightshift version that wrote it
 * @param range the periods whose payloads are included (null bounds: unbounded)
 * @param algorithm how to recompute the hashes, in words
 * @param chains one per kind the tenant has entries in
 */
@JsonPropertyOrder({ "format", "formatVersion", "tenant", "exportedAt", "generator", "range", "algorithm", "chains" })
record ExportFile(String format, int formatVersion, String tenant, String exportedAt, String generator, Range range,
		Algorithm algorithm, List<Chain> chains) {

	static final String FORMAT = "nightshift.ledger.export";

	static final int VERSION = 1;

	/**
	 * @param from first day whose period's payload is included; null for no bound
	 * @param to last day whose period's payload is included; null for no bound
	 */
	record Range(String from, String to) {
	}

	/** The verification recipe, so that the file explains itself. */
	@JsonPropertyOrder({ "canonicalization", "contentHash", "chainHash", "chainHashDomain", "headerFields",
			"genesisPrevHash", "chains", "payloads", "verify" })
	record Algorithm(String canonicalization, String contentHash, String chainHash, String chainHashDomain,
			List<String> headerFields, String genesisPrevHash, String chains, String payloads, String verify) {

		static Algorithm current() {
			return new Algorithm("RFC 8785 JSON Canonicalization Scheme (JCS)",
					"lower-case hex SHA-256 of the UTF-8 bytes of `payload`, which is the RFC 8785 canonical JSON"
							+ " text of the snapshot",
					"lower-case hex SHA-256 of the UTF-8 bytes of chainHashDomain followed by the RFC 8785 canonical"
							+ " JSON of the header object {capturedAt, contentHash, coverage, coverageReasons, kind,"
							+ " period, prevHash, revision, schemaVersion, seq, supersedesSeq, tenant}, taken from"
							+ " the entry (kind and tenant from its chain and the file)",
					LedgerHashing.CHAIN_DOMAIN_TEXT,
					List.of("capturedAt", "contentHash", "coverage", "coverageReasons", "kind", "period", "prevHash",
							"revision", "schemaVersion", "seq", "supersedesSeq", "tenant"),
					LedgerHashing.GENESIS,
					"one chain per tenant and kind; seq runs 1..n without gaps; each entry's prevHash is the chainHash"
							+ " of the entry before (genesisPrevHash for seq 1); head is the last entry as recorded by"
							+ " the ledger; revision r > 1 of a period supersedes its revision r - 1 (supersedesSeq)",
					"payloadState present: payload is included and must hash to contentHash; redacted: retention"
							+ " removed it, the hashes still link; omitted: its period is outside the exported range",
					"nightshift ledger verify --file FILE (needs no database)");
		}

	}

	/**
	 * @param kind daily or weekly
	 * @param head the chain head as the ledger recorded it; null if none is recorded
	 * @param entries every entry of the chain, in seq order
	 */
	@JsonPropertyOrder({ "kind", "head", "entries" })
	record Chain(String kind, Head head, List<Entry> entries) {
	}

	/**
	 * @param seq seq of the last entry
	 * @param chainHash its chain hash
	 */
	record Head(long seq, String chainHash) {
	}

	/**
	 * An entry: its hashed fields, and its payload when present.
	 *
	 * @param seq position in the chain
	 * @param period first day of the period
	 * @param revision revision of the period
	 * @param supersedesSeq seq of the revision it supersedes; null for revision 1
	 * @param schemaVersion snapshot schema version
	 * @param coverage COMPLETE or PARTIAL
	 * @param coverageReasons reasons for PARTIAL (empty when complete)
	 * @param capturedAt capture instant, as hashed
	 * @param contentHash SHA-256 of the payload
	 * @param prevHash chain hash of the entry before
	 * @param chainHash this entry's chain hash
	 * @param payloadState present, redacted or omitted
	 * @param redactedAt when retention removed the payload; null otherwise
	 * @param payload the canonical JSON text of the snapshot; null unless present
	 */
	@JsonPropertyOrder({ "seq", "period", "revision", "supersedesSeq", "schemaVersion", "coverage", "coverageReasons",
			"capturedAt", "contentHash", "prevHash", "chainHash", "payloadState", "redactedAt", "payload" })
	record Entry(long seq, String period, int revision, Long supersedesSeq, int schemaVersion, String coverage,
			JsonNode coverageReasons, String capturedAt, String contentHash, String prevHash, String chainHash,
			String payloadState, String redactedAt, String payload) {
	}

}
