package io.nightshift.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.Tenants;

import org.springframework.stereotype.Service;

/**
 * {@code ledger verify}: recomputes every content hash, chain hash and link of the ledger
 * in the database (one tenant or all), in one consistent read, and names the first broken
 * entry of each chain.
 */
@Service
public class LedgerVerification {

	private final Ledger ledger;

	private final LedgerHashing hashing;

	private final Tenants tenants;

	LedgerVerification(Ledger ledger, LedgerHashing hashing, Tenants tenants) {
		this.ledger = ledger;
		this.hashing = hashing;
		this.tenants = tenants;
	}

	/**
	 * @param tenant one tenant, or null for all
	 */
	public VerificationReport verify(String tenant) {
		if (tenant != null && !this.tenants.exists(tenant)) {
			throw NightshiftException.usage("--tenant " + tenant + ": unknown tenant");
		}
		List<ChainReport> reports = this.ledger.consistently(() -> {
			Map<String, ChainHead> heads = this.ledger.heads(tenant);
			List<ChainReport> chains = new ArrayList<>();
			Walk walk = new Walk(heads, chains);
			this.ledger.forEachEntry(tenant, (stored) -> walk.accept(stored.entry()));
			walk.end();
			// Chains whose every entry is gone still have their recorded head.
			heads.forEach((key, head) -> {
				String[] parts = key.split("/", 2);
				chains.add(new ChainVerifier(this.hashing, parts[0], parts[1]).finish(head));
			});
			return chains;
		});
		reports.sort(Comparator.comparing(ChainReport::tenant).thenComparing(ChainReport::kind));
		return new VerificationReport("database", tenant, reports);
	}

	private final class Walk {

		private final Map<String, ChainHead> heads;

		private final List<ChainReport> chains;

		private String key;

		private ChainVerifier verifier;

		Walk(Map<String, ChainHead> heads, List<ChainReport> chains) {
			this.heads = heads;
			this.chains = chains;
		}

		void accept(ChainEntry entry) {
			String entryKey = Ledger.chainKey(entry.tenant(), entry.kind());
			if (!entryKey.equals(this.key)) {
				end();
				this.key = entryKey;
				this.verifier = new ChainVerifier(LedgerVerification.this.hashing, entry.tenant(), entry.kind());
			}
			this.verifier.accept(entry);
		}

		void end() {
			if (this.verifier != null) {
				this.chains.add(this.verifier.finish(this.heads.remove(this.key)));
				this.verifier = null;
			}
		}

	}

}
