package io.nightshift.ledger;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The verification of a ledger (the database, or an export file).
 *
 * @param source {@code database} or the export file's path
 * @param tenant the tenant verified, or null for every tenant
 * @param chains one report per chain (tenant and kind), in that order
 */
public record VerificationReport(String source, String tenant, List<ChainReport> chains) {

	@JsonProperty
	public boolean intact() {
		return this.chains.stream().allMatch(ChainReport::intact);
	}

	@JsonProperty
	public long entries() {
		return this.chains.stream().mapToLong(ChainReport::entries).sum();
	}

	@JsonProperty
	public long verified() {
		return this.chains.stream().mapToLong(ChainReport::verified).sum();
	}

	@JsonProperty
	public long redacted() {
		return this.chains.stream().mapToLong(ChainReport::redacted).sum();
	}

	@JsonProperty
	public long omitted() {
		return this.chains.stream().mapToLong(ChainReport::omitted).sum();
	}

	public List<ChainReport> broken() {
		return this.chains.stream().filter((chain) -> !chain.intact()).toList();
	}

}
