package io.nightshift.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The tables of the test-only {@code drill-copy} job. */
public final class Drill {

	public static final String JOB = "drill-copy";

	private Drill() {
	}

	/**
	 * Fresh source and target tables; {@code count} source items per tenant, amounts
	 * 1..count.
	 */
	public static void items(JdbcClient jdbc, int count, String... tenants) {
		jdbc.sql(
				"CREATE TABLE IF NOT EXISTS drill_items (id BIGINT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, amount BIGINT NOT NULL)")
			.update();
		jdbc.sql(
				"CREATE TABLE IF NOT EXISTS drill_totals (id BIGINT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, amount BIGINT NOT NULL)")
			.update();
		jdbc.sql("TRUNCATE drill_items, drill_totals").update();
		long id = 0;
		for (String tenant : tenants) {
			jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, :id) ON CONFLICT DO NOTHING")
				.param("id", tenant)
				.update();
			long first = id + 1;
			id += count;
			jdbc.sql("""
					INSERT INTO drill_items (id, tenant_id, amount)
					SELECT g, :tenant, g - :offset FROM generate_series(:first, :last) g
					""")
				.param("tenant", tenant)
				.param("offset", first - 1)
				.param("first", first)
				.param("last", id)
				.update();
		}
	}

	public static long totalsCount(JdbcClient jdbc) {
		return jdbc.sql("SELECT count(*) FROM drill_totals").query(Long.class).single();
	}

	public static long totalsSum(JdbcClient jdbc) {
		return jdbc.sql("SELECT coalesce(sum(amount), 0) FROM drill_totals").query(Long.class).single();
	}

}
