package io.nightshift.ingest;

import java.sql.PreparedStatement;

import org.postgresql.PGStatement;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementCreatorFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Ingest is idempotent by runId: a run already registered (or whose tasks are already in
 * build_metrics, as for seeded data) is filtered out, so that the step's counts say how
 * many runs were new (written) and how many were known (filtered).
 */
class NewRunFilter implements ItemProcessor<IngestItem, IngestItem> {

	private static final ParsedSql KNOWN = NamedParameterUtils.parseSqlStatement("""
			SELECT EXISTS (SELECT 1 FROM ingested_quality_runs WHERE run_id = :run)
			    OR EXISTS (SELECT 1 FROM build_metrics WHERE tenant_id = :tenant AND run_id = :run)
			""");

	private final JdbcTemplate jdbc;

	NewRunFilter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public IngestItem process(IngestItem item) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("run", item.report().runId())
			.addValue("tenant", item.report().tenant());
		Boolean known = this.jdbc.query(plannedEachTime(params), (rs) -> rs.next() && rs.getBoolean(1));
		return Boolean.TRUE.equals(known) ? null : item;
	}

	/**
	 * Planned at every execution, never from a cached generic plan: build_metrics grows
	 * by thousands of rows per chunk, and a plan made while it was small (right after a
	 * truncate or a first load, before autovacuum analyzes it) scans it whole, once per
	 * run.
	 */
	private static PreparedStatementCreator plannedEachTime(MapSqlParameterSource params) {
		PreparedStatementCreator creator = new PreparedStatementCreatorFactory(
				NamedParameterUtils.substituteNamedParameters(KNOWN, params),
				NamedParameterUtils.buildSqlParameterList(KNOWN, params))
			.newPreparedStatementCreator(NamedParameterUtils.buildValueArray(KNOWN, params, null));
		return (connection) -> {
			PreparedStatement statement = creator.createPreparedStatement(connection);
			if (statement.isWrapperFor(PGStatement.class)) {
				statement.unwrap(PGStatement.class).setPrepareThreshold(0);
			}
			return statement;
		};
	}

}
