package io.nightshift.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The verification of one chain (a tenant and kind).
 *
 * @param tenant tenant id
 * @param kind daily or weekly
 * @param entries entries read
 * @param verified entries whose payload was present and checked against its content hash
 * @param redacted entries whose payload retention removed (hashes and links checked)
 * @param omitted entries an export left out of its range (hashes and links checked)
 * @param headSeq seq of the last entry (0 when empty)
 * @param headHash chain hash of the last entry (null when empty)
 * @param problem the first broken entry and what is wrong; null when intact
 */
public record ChainReport(String tenant, String kind, long entries, long verified, long redacted, long omitted,
		long headSeq, String headHash, ChainProblem problem) {

	@JsonProperty
	public boolean intact() {
		return this.problem == null;
	}

	@JsonProperty
	public String status() {
		return intact() ? "OK" : "BROKEN";
	}

}
