package io.nightshift.ingest;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ingest is idempotent by runId: a run already registered (or whose tasks are already in
 * build_metrics, as for seeded data) is filtered out, so that the step's counts say how
 * many runs were new (written) and how many were known (filtered).
 */
class NewRunFilter implements ItemProcessor<IngestItem, IngestItem> {

	private final JdbcClient jdbc;

	NewRunFilter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public IngestItem process(IngestItem item) {
		boolean known = this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM ingested_quality_runs WHERE run_id = :run)
				    OR EXISTS (SELECT 1 FROM build_metrics WHERE tenant_id = :tenant AND run_id = :run)
				""")
			.param("run", item.report().runId())
			.param("tenant", item.report().tenant())
			.query(Boolean.class)
			.single();
		return known ? null : item;
	}

}
