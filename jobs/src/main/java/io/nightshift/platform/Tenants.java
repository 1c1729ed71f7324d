package io.nightshift.platform;

import java.util.List;

import io.nightshift.platform.launch.RunIdentity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenants of the platform (table {@code tenants}). */
@Repository
public class Tenants {

	private final JdbcClient jdbc;

	Tenants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<String> ids() {
		return this.jdbc.sql("SELECT id FROM tenants ORDER BY id").query(String.class).list();
	}

	public boolean exists(String id) {
		return this.jdbc.sql("SELECT count(*) FROM tenants WHERE id = :id")
			.param("id", id)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * {@code all}, or a tenant that exists; otherwise a usage error naming the argument.
	 */
	public String requireKnownOrAll(String tenant) {
		if (RunIdentity.ALL_TENANTS.equals(tenant) || exists(tenant)) {
			return tenant;
		}
		throw NightshiftException.usage("--tenant " + tenant + ": unknown tenant (known: "
				+ String.join(", ", ids().stream().limit(20).toList()) + ((ids().size() > 20) ? ", ..." : "") + ")");
	}

	/**
	 * The tenants a run for {@code tenant} covers: one, or every tenant for {@code all}.
	 */
	public List<String> covered(String tenant) {
		return RunIdentity.ALL_TENANTS.equals(tenant) ? ids() : List.of(tenant);
	}

}
