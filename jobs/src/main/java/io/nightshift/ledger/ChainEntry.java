package io.nightshift.ledger;

import java.time.LocalDate;

import tools.jackson.databind.JsonNode;

/**
 * One ledger entry as the verifier sees it, whether it comes from the database or from an
 * export file.
 *
 * @param ref where the entry is, for messages ({@code id 17} or {@code entries[3]})
 * @param seq position in its chain
 * @param tenant tenant id
 * @param kind daily or weekly
 * @param period first day of the period
 * @param revision revision of the period
 * @param supersedesSeq seq of the superseded revision; null for none; -1 when it names an
 * entry that is not in this chain
 * @param schemaVersion snapshot schema version
 * @param coverage COMPLETE or PARTIAL
 * @param coverageReasons the reasons as a JSON array
 * @param capturedAt capture instant as hashed
 * @param contentHash stored content hash
 * @param prevHash stored previous hash
 * @param chainHash stored chain hash
 * @param payload the canonical payload bytes; null when redacted or omitted
 * @param state whether the payload is present, redacted or left out of an export
 */
record ChainEntry(String ref, long seq, String tenant, String kind, LocalDate period, int revision, Long supersedesSeq,
		int schemaVersion, String coverage, JsonNode coverageReasons, String capturedAt, String contentHash,
		String prevHash, String chainHash, byte[] payload, PayloadState state) {

	LedgerHashing.EntryHeader header(String contentHash) {
		return new LedgerHashing.EntryHeader(this.tenant, this.kind, this.seq, this.period.toString(), this.revision,
				this.supersedesSeq, this.schemaVersion, this.coverage, this.coverageReasons, this.capturedAt,
				contentHash, this.prevHash);
	}

	String describe() {
		return this.tenant + "/" + this.kind + " seq " + this.seq + " (period " + this.period + " revision "
				+ this.revision + ", " + this.ref + ")";
	}

	/** Whether an entry's payload is there to be checked. */
	enum PayloadState {

		/** The payload is stored (or exported) and checked against its hash. */
		PRESENT,

		/** Retention removed the payload; its hashes remain and the links are checked. */
		REDACTED,

		/** An export left the payload out (period outside the export's range). */
		OMITTED;

		String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
