package io.nightshift.ledger;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.nightshift.platform.json.CanonicalJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Walks one chain in seq order and recomputes every hash and link; stops at the first
 * broken entry and says what is wrong with it. The same walk serves the database and
 * export files. Entries whose payload was redacted (or left out of an export) are checked
 * by their hashes and links only; they are reported as such, not as broken.
 * <p>
 * Telling an altered hash from altered content needs one entry of lookahead: the next
 * entry's previous hash (or the recorded chain head) still holds the chain hash as it was
 * computed when the entry was appended.
 */
final class ChainVerifier {

	private final LedgerHashing hashing;

	private final String tenant;

	private final String kind;

	private final Map<Long, Revision> bySeq = new HashMap<>();

	private final Map<LocalDate, Integer> latestRevision = new HashMap<>();

	private ChainEntry pending;

	private long expectedSeq = 1;

	private String expectedPrev = LedgerHashing.GENESIS;

	private long entries;

	private long verified;

	private long redacted;

	private long omitted;

	private long lastSeq;

	private String lastHash;

	private ChainProblem problem;

	ChainVerifier(LedgerHashing hashing, String tenant, String kind) {
		this.hashing = hashing;
		this.tenant = tenant;
		this.kind = kind;
	}

	void accept(ChainEntry entry) {
		this.entries++;
		switch (entry.state()) {
			case REDACTED -> this.redacted++;
			case OMITTED -> this.omitted++;
			case PRESENT -> {
			}
		}
		if (this.problem != null) {
			return;
		}
		if (this.pending != null) {
			check(this.pending, entry.prevHash());
		}
		this.pending = entry;
	}

	/**
	 * Ends the walk.
	 * @param head the recorded chain head, or null if none is recorded
	 */
	ChainReport finish(ChainHead head) {
		if (this.problem == null && this.pending != null) {
			check(this.pending, (head != null && head.seq() == this.pending.seq()) ? head.chainHash() : null);
		}
		if (this.problem == null) {
			checkHead(head);
		}
		return new ChainReport(this.tenant, this.kind, this.entries, this.verified, this.redacted, this.omitted,
				this.lastSeq, this.lastHash, this.problem);
	}

	private void check(ChainEntry entry, String successorLink) {
		if (entry.seq() != this.expectedSeq) {
			if (entry.seq() > this.expectedSeq) {
				String missing = (entry.seq() - 1 == this.expectedSeq) ? "seq " + this.expectedSeq
						: "seq " + this.expectedSeq + " to " + (entry.seq() - 1);
				fail(ChainProblem.Code.ENTRY_MISSING, this.expectedSeq, describeMissing(this.expectedSeq),
						missing + " missing: the entry after "
								+ ((this.expectedSeq == 1) ? "the start of the chain" : "seq " + (this.expectedSeq - 1))
								+ " is " + entry.describe());
			}
			else {
				fail(ChainProblem.Code.LINK_BROKEN, entry.seq(), entry.describe(),
						"seq " + entry.seq() + " appears again after seq " + (this.expectedSeq - 1));
			}
			return;
		}
		if (!entry.prevHash().equals(this.expectedPrev)) {
			fail(ChainProblem.Code.LINK_BROKEN, entry.seq(), entry.describe(),
					"its prev_hash " + entry.prevHash() + " is not the chain hash of "
							+ ((entry.seq() == 1) ? "the genesis (64 zeros)"
									: "seq " + (entry.seq() - 1) + " (" + this.expectedPrev + ")")
							+ ": entries were reordered, swapped, replaced or inserted");
			return;
		}
		String recomputed = this.hashing.chainHash(entry.header(entry.contentHash()));
		if (!recomputed.equals(entry.chainHash())) {
			fail(headerProblem(entry, recomputed, successorLink), entry.seq(), entry.describe(),
					headerMessage(entry, recomputed, successorLink));
			return;
		}
		if (entry.payload() != null) {
			String actual = LedgerHashing.contentHash(entry.payload());
			if (!actual.equals(entry.contentHash())) {
				fail(ChainProblem.Code.CONTENT_CHANGED, entry.seq(), entry.describe(), "the payload hashes to " + actual
						+ ", not to its content_hash " + entry.contentHash() + ": the content was changed");
				return;
			}
			String payloadProblem = payloadProblem(entry);
			if (payloadProblem != null) {
				return;
			}
			this.verified++;
		}
		if (!checkRevision(entry)) {
			return;
		}
		this.expectedSeq = entry.seq() + 1;
		this.expectedPrev = entry.chainHash();
		this.lastSeq = entry.seq();
		this.lastHash = entry.chainHash();
	}

	private ChainProblem.Code headerProblem(ChainEntry entry, String recomputed, String successorLink) {
		if (contentHashAltered(entry) || recomputed.equals(successorLink)) {
			return ChainProblem.Code.HASH_ALTERED;
		}
		return ChainProblem.Code.HEADER_CHANGED;
	}

	private String headerMessage(ChainEntry entry, String recomputed, String successorLink) {
		if (contentHashAltered(entry)) {
			return "its content_hash was altered: stored " + entry.contentHash() + ", but the payload hashes to "
					+ LedgerHashing.contentHash(entry.payload()) + ", which is what its chain hash commits to";
		}
		if (recomputed.equals(successorLink)) {
			return "its chain_hash was altered: stored " + entry.chainHash() + ", recomputed " + recomputed
					+ ", which is what the next entry (or the chain head) links to";
		}
		return "its fields no longer match its chain hash (stored " + entry.chainHash() + ", recomputed " + recomputed
				+ "): one of period, revision, supersedes, schema version, coverage, capture time or content hash"
				+ " (with the payload) was changed";
	}

	private boolean contentHashAltered(ChainEntry entry) {
		if (entry.payload() == null) {
			return false;
		}
		String actual = LedgerHashing.contentHash(entry.payload());
		return !actual.equals(entry.contentHash())
				&& this.hashing.chainHash(entry.header(actual)).equals(entry.chainHash());
	}

	/** Null when the payload is canonical and describes this entry; else fails. */
	private String payloadProblem(ChainEntry entry) {
		String text = new String(entry.payload(), StandardCharsets.UTF_8);
		CanonicalJson canonical = this.hashing.canonical();
		JsonNode tree;
		try {
			if (!canonical.canonicalizeJson(text).equals(text)) {
				return fail(ChainProblem.Code.NOT_CANONICAL, entry.seq(), entry.describe(),
						"the payload is not in RFC 8785 canonical form");
			}
			tree = this.hashing.parse(text);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return fail(ChainProblem.Code.NOT_CANONICAL, entry.seq(), entry.describe(),
					"the payload is not canonical JSON: " + ex.getMessage());
		}
		String mismatch = mismatch("schema", tree.path("schema").asString(""), SnapshotPayload.SCHEMA);
		mismatch = (mismatch != null) ? mismatch : mismatch("schemaVersion", tree.path("schemaVersion").asString(""),
				Integer.toString(entry.schemaVersion()));
		mismatch = (mismatch != null) ? mismatch : mismatch("tenant", tree.path("tenant").asString(""), entry.tenant());
		mismatch = (mismatch != null) ? mismatch : mismatch("kind", tree.path("kind").asString(""), entry.kind());
		mismatch = (mismatch != null) ? mismatch
				: mismatch("period.start", tree.path("period").path("start").asString(""), entry.period().toString());
		mismatch = (mismatch != null) ? mismatch
				: mismatch("coverage.status", tree.path("coverage").path("status").asString(""), entry.coverage());
		mismatch = (mismatch != null) ? mismatch
				: mismatch("coverage.reasons", canonical.canonicalize(tree.path("coverage").path("reasons")),
						canonical.canonicalize(entry.coverageReasons()));
		if (mismatch != null) {
			return fail(ChainProblem.Code.PAYLOAD_MISMATCH, entry.seq(), entry.describe(), mismatch);
		}
		return null;
	}

	private static String mismatch(String field, String inPayload, String inEntry) {
		return inPayload.equals(inEntry) ? null
				: "the payload's " + field + " is " + inPayload + " but the entry's is " + inEntry;
	}

	private boolean checkRevision(ChainEntry entry) {
		Integer latest = this.latestRevision.get(entry.period());
		int expected = (latest != null) ? latest + 1 : 1;
		String wrong = null;
		if (entry.revision() != expected) {
			wrong = "revision " + entry.revision() + " of period " + entry.period() + " follows "
					+ ((latest != null) ? "revision " + latest : "no earlier revision");
		}
		else if (entry.revision() == 1 && entry.supersedesSeq() != null) {
			wrong = "revision 1 of period " + entry.period() + " claims to supersede an entry";
		}
		else if (entry.revision() > 1) {
			Revision superseded = (entry.supersedesSeq() != null) ? this.bySeq.get(entry.supersedesSeq()) : null;
			if (superseded == null || !superseded.period().equals(entry.period())
					|| superseded.revision() != entry.revision() - 1) {
				wrong = "revision " + entry.revision() + " of period " + entry.period()
						+ " must supersede its revision " + (entry.revision() - 1) + " but names "
						+ ((entry.supersedesSeq() == null) ? "none" : (entry.supersedesSeq() < 0)
								? "an entry outside this chain" : "seq " + entry.supersedesSeq());
			}
		}
		if (wrong != null) {
			fail(ChainProblem.Code.SUPERSEDES_INCONSISTENT, entry.seq(), entry.describe(), wrong);
			return false;
		}
		this.latestRevision.put(entry.period(), entry.revision());
		this.bySeq.put(entry.seq(), new Revision(entry.period(), entry.revision()));
		return true;
	}

	private void checkHead(ChainHead head) {
		if (head == null) {
			if (this.lastSeq > 0) {
				fail(ChainProblem.Code.HEAD_MISMATCH, this.lastSeq, describeMissing(this.lastSeq),
						"no chain head is recorded for a chain of " + this.lastSeq + " entries");
			}
			return;
		}
		if (head.seq() > this.lastSeq) {
			fail(ChainProblem.Code.ENTRY_MISSING, this.lastSeq + 1, describeMissing(this.lastSeq + 1),
					"the chain head records seq " + head.seq() + " (" + head.chainHash() + ") but the last entry is "
							+ ((this.lastSeq == 0) ? "none" : "seq " + this.lastSeq) + ": "
							+ ((head.seq() == this.lastSeq + 1) ? "seq " + head.seq()
									: "seq " + (this.lastSeq + 1) + " to " + head.seq())
							+ " missing");
		}
		else if (head.seq() < this.lastSeq) {
			fail(ChainProblem.Code.HEAD_MISMATCH, head.seq() + 1, describeMissing(head.seq() + 1),
					"the chain head records seq " + head.seq() + " but the entries go on to seq " + this.lastSeq
							+ ": entries were appended outside the ledger writer");
		}
		else if (!head.chainHash().equals(this.lastHash)) {
			fail(ChainProblem.Code.HEAD_MISMATCH, this.lastSeq, describeMissing(this.lastSeq),
					"the chain head records hash " + head.chainHash() + " for seq " + head.seq()
							+ " but the entry's chain hash is " + this.lastHash);
		}
	}

	private String describeMissing(long seq) {
		return this.tenant + "/" + this.kind + " seq " + seq;
	}

	private String fail(ChainProblem.Code code, long seq, String entry, String message) {
		this.problem = new ChainProblem(code, seq, entry, message);
		return message;
	}

	private record Revision(LocalDate period, int revision) {
	}

}
