package io.nightshift.aggregate;

import java.util.List;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.launch.RunIdentity;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Which tenant's series of a project and target a command means. */
final class Series {

	private Series() {
	}

	/**
	 * The tenant given, or the only tenant with the series; with several, a usage error
	 * listing them. {@code all} is accepted where series of tenants can be merged.
	 */
	static String resolveTenant(JdbcClient jdbc, String tenant, String project, String target, boolean allowAll) {
		if (RunIdentity.ALL_TENANTS.equals(tenant)) {
			if (!allowAll) {
				throw NightshiftException.usage("--tenant all: this command judges one tenant's series; name one");
			}
			return tenant;
		}
		if (tenant != null) {
			if (jdbc.sql("SELECT count(*) FROM tenants WHERE id = :id")
				.param("id", tenant)
				.query(Long.class)
				.single() == 0) {
				throw NightshiftException.usage("--tenant " + tenant + ": unknown tenant");
			}
			return tenant;
		}
		List<String> tenants = jdbc.sql("""
				SELECT DISTINCT tenant_id FROM perf_aggregate WHERE project = :project AND target = :target ORDER BY 1
				""").param("project", project).param("target", target).query(String.class).list();
		if (tenants.isEmpty()) {
			throw NightshiftException.notFound("no perf_aggregate rows for " + project + "/" + target
					+ " (is the name right? has perf-aggregate run since it was ingested?)");
		}
		if (tenants.size() > 1) {
			throw NightshiftException.usage("--tenant: several tenants have " + project + "/" + target + ": "
					+ String.join(", ", tenants.stream().limit(20).toList())
					+ (allowAll ? "; name one, or --tenant all to merge them" : "; name one"));
		}
		return tenants.get(0);
	}

}
