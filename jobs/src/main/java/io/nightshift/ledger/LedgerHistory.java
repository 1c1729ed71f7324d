package io.nightshift.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.Tenants;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * {@code ledger history}: a tenant's entries page by page in a stable order (kind,
 * period, revision), each with its coverage, hashes and state.
 */
@Service
public class LedgerHistory {

	private final Ledger ledger;

	private final Tenants tenants;

	private final LedgerHashing hashing;

	LedgerHistory(Ledger ledger, Tenants tenants, LedgerHashing hashing) {
		this.ledger = ledger;
		this.tenants = tenants;
		this.hashing = hashing;
	}

	/**
	 * @param tenant the tenant
	 * @param kind {@code daily}, {@code weekly}, or null for both
	 * @param page from 1
	 * @param pageSize entries per page
	 */
	public Page page(String tenant, String kind, int page, int pageSize) {
		if (tenant == null || tenant.isBlank()) {
			throw NightshiftException.usage("--tenant: required");
		}
		if (!this.tenants.exists(tenant)) {
			throw NightshiftException.usage("--tenant " + tenant + ": unknown tenant");
		}
		SnapshotKind selected = (kind != null) ? SnapshotKind.of(kind) : null;
		if (page < 1) {
			throw NightshiftException.usage("--page " + page + ": pages are numbered from 1");
		}
		if (pageSize < 1 || pageSize > 1000) {
			throw NightshiftException.usage("--page-size " + pageSize + ": expected 1 to 1000");
		}
		Page result = this.ledger.consistently(() -> {
			long total = this.ledger.count(tenant, selected);
			List<Entry> entries = new ArrayList<>();
			for (Ledger.HistoryRow row : this.ledger.history(tenant, selected,
					(int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * pageSize), pageSize)) {
				String state = (row.redactedAt() != null) ? "redacted" : row.superseded() ? "superseded" : "current";
				entries.add(new Entry(row.kind(), row.period(), row.revision(), row.seq(), row.coverage(),
						(row.coverageReasons() != null) ? this.hashing.parse(row.coverageReasons()) : null,
						row.contentHash(), row.chainHash(), row.capturedAt(), state, row.redactedAt(),
						row.executionId()));
			}
			int pages = (int) ((total + pageSize - 1) / pageSize);
			return new Page(tenant, (selected != null) ? selected.value() : null, page, pageSize, total, pages,
					entries);
		});
		return result;
	}

	/**
	 * @param tenant the tenant
	 * @param kind the kind shown, or null for both
	 * @param page this page, from 1
	 * @param pageSize entries per page
	 * @param total entries in all pages
	 * @param pages number of pages
	 * @param entries this page's entries, ordered by kind, period, revision
	 */
	public record Page(String tenant, String kind, int page, int pageSize, long total, int pages, List<Entry> entries) {
	}

	/**
	 * @param kind daily or weekly
	 * @param period first day of the period
	 * @param revision revision of the period
	 * @param seq position in the chain
	 * @param coverage COMPLETE or PARTIAL
	 * @param coverageReasons reasons for PARTIAL; null when complete
	 * @param contentHash SHA-256 of the payload
	 * @param chainHash the entry's chain hash
	 * @param capturedAt when it was captured
	 * @param state current (latest revision of its period), superseded, or redacted
	 * @param redactedAt when retention removed its payload
	 * @param executionId the job execution that appended it
	 */
	public record Entry(String kind, LocalDate period, int revision, long seq, String coverage,
			JsonNode coverageReasons, String contentHash, String chainHash, Instant capturedAt, String state,
			Instant redactedAt, Long executionId) {

		/** The reason codes, comma-separated; empty when complete. */
		public String reasonCodes() {
			if (this.coverageReasons == null) {
				return "";
			}
			List<String> codes = new ArrayList<>();
			this.coverageReasons.forEach((reason) -> codes.add(reason.path("code").asString("?")));
			return String.join(",", codes);
		}

	}

}
