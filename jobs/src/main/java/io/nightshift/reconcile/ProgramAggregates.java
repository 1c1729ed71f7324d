package io.nightshift.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.launch.RunIdentity;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL side of the projection: programs with their enrollments counted by status, read
 * by program id (keyset). Ranges are half-open: {@code after < id <= to}.
 */
@Repository
class ProgramAggregates {

	/** The select list of an aggregate row (also used by the paging reader). */
	static final String SELECT = "p.id, p.tenant_id, p.kpi_target_json::text AS kpi_targets, a.invited, a.active,"
			+ " a.paused, a.completed, a.withdrawn, a.watermark";

	/**
	 * Programs with their counts. A lateral aggregate per program rather than one GROUP
	 * BY over the range: a keyset page then costs only its own programs' index entries.
	 */
	static final String FROM = """
			programs p CROSS JOIN LATERAL (
			  SELECT count(*) FILTER (WHERE e.status = 'invited') AS invited,
			         count(*) FILTER (WHERE e.status = 'active') AS active,
			         count(*) FILTER (WHERE e.status = 'paused') AS paused,
			         count(*) FILTER (WHERE e.status = 'completed') AS completed,
			         count(*) FILTER (WHERE e.status = 'withdrawn') AS withdrawn,
			         max(e.updated_at) AS watermark
			    FROM enrollments e WHERE e.program_id = p.id) a""";

	static final RowMapper<ProgramAggregate> ROW_MAPPER = ProgramAggregates::aggregate;

	private final JdbcClient jdbc;

	ProgramAggregates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The range condition of an aggregate query for a tenant or {@code all}. */
	static String where(String tenant) {
		return "p.id > :after AND p.id <= :to" + (isAll(tenant) ? "" : " AND p.tenant_id = :tenant");
	}

	/** Up to {@code limit} programs of the range in id order, with their aggregates. */
	List<ProgramAggregate> page(long after, long to, String tenant, int limit) {
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("SELECT " + SELECT + " FROM " + FROM + " WHERE " + where(tenant) + " ORDER BY p.id LIMIT :limit")
			.param("after", after)
			.param("to", to)
			.param("limit", limit);
		if (!isAll(tenant)) {
			statement = statement.param("tenant", tenant);
		}
		return statement.query(ROW_MAPPER).list();
	}

	/** The programs among {@code ids} that exist now, with their aggregates. */
	List<ProgramAggregate> byIds(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + SELECT + " FROM " + FROM + " WHERE p.id IN (:ids) ORDER BY p.id")
			.param("ids", new ArrayList<>(ids))
			.query(ROW_MAPPER)
			.list();
	}

	/**
	 * The upper program id of each of up to {@code buckets} groups of the tenant's
	 * programs of (nearly) equal size, ascending.
	 */
	List<Long> bucketUpperBounds(String tenant, int buckets) {
		JdbcClient.StatementSpec statement = this.jdbc.sql("""
				SELECT max(id) FROM (
				  SELECT id, ntile(:buckets) OVER (ORDER BY id) AS bucket FROM programs
				""" + (isAll(tenant) ? "" : " WHERE tenant_id = :tenant") + """
				) b GROUP BY bucket ORDER BY bucket""").param("buckets", buckets);
		if (!isAll(tenant)) {
			statement = statement.param("tenant", tenant);
		}
		return statement.query(Long.class).list();
	}

	/** The tenant of each of these ids that is a program now. */
	Map<Long, String> tenantsOf(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> tenants = new HashMap<>();
		this.jdbc.sql("SELECT id, tenant_id FROM programs WHERE id IN (:ids)")
			.param("ids", new ArrayList<>(ids))
			.query((RowCallbackHandler) (rs) -> tenants.put(rs.getLong(1), rs.getString(2)));
		return tenants;
	}

	static boolean isAll(String tenant) {
		return RunIdentity.ALL_TENANTS.equals(tenant);
	}

	private static ProgramAggregate aggregate(ResultSet rs, int row) throws SQLException {
		OffsetDateTime watermark = rs.getObject("watermark", OffsetDateTime.class);
		return new ProgramAggregate(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("kpi_targets"),
				rs.getLong("invited"), rs.getLong("active"), rs.getLong("paused"), rs.getLong("completed"),
				rs.getLong("withdrawn"), (watermark != null) ? watermark.toInstant() : null);
	}

}
