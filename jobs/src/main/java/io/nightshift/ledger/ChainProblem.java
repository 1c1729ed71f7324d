package io.nightshift.ledger;

/**
 * The first thing found wrong with a chain.
 *
 * @param code what kind of damage (see {@link Code})
 * @param seq the seq of the first broken entry (for a missing entry: the first missing
 * seq)
 * @param entry the broken entry described (tenant/kind, seq, period, revision, where)
 * @param message what is wrong, with the hashes involved
 */
public record ChainProblem(Code code, long seq, String entry, String message) {

	/**
	 * The kinds of damage verification tells apart (documented in docs/jobs/snapshot.md).
	 */
	public enum Code {

		/** The payload no longer hashes to the entry's content hash. */
		CONTENT_CHANGED,

		/** A stored hash was altered: the content hash or the chain hash. */
		HASH_ALTERED,

		/**
		 * A field the chain hash commits to (period, revision, coverage, capture time,
		 * content hash with its payload...) differs from what was hashed.
		 */
		HEADER_CHANGED,

		/**
		 * The entry's previous hash is not the chain hash of the entry before it: entries
		 * were reordered, swapped, replaced or inserted.
		 */
		LINK_BROKEN,

		/** One or more entries are missing (a gap in seq, or entries after the last). */
		ENTRY_MISSING,

		/** The payload is not RFC 8785 canonical JSON. */
		NOT_CANONICAL,

		/** The payload names another tenant, kind, period, coverage or schema version. */
		PAYLOAD_MISMATCH,

		/** Revisions of a period do not supersede each other in order. */
		SUPERSEDES_INCONSISTENT,

		/** The recorded chain head does not match the chain's last entry. */
		HEAD_MISMATCH

	}

}
