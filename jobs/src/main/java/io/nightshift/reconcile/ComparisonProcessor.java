package io.nightshift.reconcile;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Classifies one key of the merge: equal (same canonical hash), missing, extra or
 * mismatched, with what differs. Never filters: the writer counts every key.
 */
class ComparisonProcessor implements ItemProcessor<Comparison, Verdict> {

	static final String MISSING = "missing";

	static final String EXTRA = "extra";

	static final String MISMATCHED = "mismatched";

	private final OverviewProjection projection;

	private final String tenant;

	ComparisonProcessor(OverviewProjection projection, String tenant) {
		this.projection = projection;
		this.tenant = tenant;
	}

	@Override
	public Verdict process(Comparison comparison) {
		Map<String, Object> expected = (comparison.expected() != null)
				? this.projection.comparable(this.projection.project(comparison.expected())) : null;
		Map<String, Object> actual = (comparison.actual() != null) ? this.projection.comparable(comparison.actual())
				: null;
		String tenantId = (comparison.expected() != null) ? comparison.expected().tenantId()
				: tenantOf(comparison.actual(), this.tenant);
		String kind = null;
		String diff = null;
		if (expected != null && actual == null) {
			kind = MISSING;
			diff = this.projection.canonicalJson(Map.of("expected", expected));
		}
		else if (expected == null && actual != null) {
			kind = EXTRA;
			diff = this.projection.canonicalJson(Map.of("actual", actual));
		}
		else if (expected != null && !this.projection.hash(expected).equals(this.projection.hash(actual))) {
			kind = MISMATCHED;
			diff = this.projection.canonicalJson(this.projection.diff(expected, actual));
		}
		return new Verdict(comparison.programId(), tenantId, kind, diff, expected != null, actual != null);
	}

	/**
	 * The tenant a stored document is labelled with, fit for a report row; the run's
	 * tenant, or {@code (none)}, when it has no usable label.
	 */
	static String tenantOf(org.bson.Document document, String runTenant) {
		Object tenantId = document.get("tenantId");
		if (tenantId instanceof String text && !text.isBlank()) {
			return (text.length() > 64) ? text.substring(0, 64) : text;
		}
		return ProgramAggregates.isAll(runTenant) ? "(none)" : runTenant;
	}

}
