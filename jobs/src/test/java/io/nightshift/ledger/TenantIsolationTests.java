package io.nightshift.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.nightshift.ledger.LedgerFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many tenants with overlapping keys (the same program codes, stream types, run-id
 * patterns and statuses): each snapshot holds its own tenant's data and nothing else, and
 * each tenant has its own chain.
 */
@NightshiftTest
class TenantIsolationTests {

	private static final int TENANTS = 15;

	@Autowired
	LaunchService launcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
	}

	@Test
	void eachSnapshotHoldsOnlyItsTenantsData() {
		LedgerFixtures fixtures = new LedgerFixtures(this.jdbc, this.mongo);
		List<String> tenants = new ArrayList<>();
		for (int i = 1; i <= TENANTS; i++) {
			String tenant = String.format("t%02d", i);
			tenants.add(tenant);
			fixtures.tenant(tenant);
		}
		// One tenant gets more of everything, so that equal counts cannot hide a leak.
		fixtures.qualityRun("t07", "t07-run-extra", LedgerFixtures.at(DAY, 15));
		fixtures.event("t07", "order-t07-9", "order", 1, "OrderPlaced", LedgerFixtures.at(DAY, 15));

		LaunchOutcome outcome = this.launcher
			.run(new LaunchRequest("snapshot-daily", DAY, "all", Map.of(), SnapshotJobTests.operator()));

		assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
		Set<String> contentHashes = new HashSet<>();
		for (String tenant : tenants) {
			Map<String, Object> row = this.jdbc
				.sql("SELECT seq, content_hash, payload FROM ledger_snapshots WHERE tenant_id = :tenant")
				.param("tenant", tenant)
				.query()
				.singleRow();
			assertThat(row).containsEntry("seq", 1L);
			contentHashes.add((String) row.get("content_hash"));
			JsonNode snapshot = this.json.readTree(new String((byte[]) row.get("payload"), StandardCharsets.UTF_8));
			assertThat(snapshot.path("tenant").asString()).isEqualTo(tenant);
			List<Long> programIds = this.jdbc.sql("SELECT id FROM programs WHERE tenant_id = :tenant ORDER BY id")
				.param("tenant", tenant)
				.query(Long.class)
				.list();
			assertThat(snapshot.path("programs").valueStream().map((p) -> p.path("id").asLong()).toList())
				.containsExactlyElementsOf(programIds);
			assertThat(snapshot.path("enrollments")
				.path("byProgram")
				.valueStream()
				.map((p) -> p.path("programId").asLong())
				.toList()).containsExactlyElementsOf(programIds);
			assertThat(snapshot.path("enrollments").path("total").asLong()).isEqualTo(4);
			assertThat(snapshot.path("qualityRuns").path("runs").valueStream().map((r) -> r.path("runId").asString()))
				.allSatisfy((runId) -> assertThat(runId).startsWith(tenant + "-run-"))
				.hasSize(tenant.equals("t07") ? 3 : 2);
			assertThat(
					snapshot.path("eventStreams").path("heads").valueStream().map((h) -> h.path("streamId").asString()))
				.allSatisfy((streamId) -> assertThat(streamId).contains("-" + tenant + "-"))
				.hasSize(tenant.equals("t07") ? 3 : 2);
			assertThat(snapshot.path("perfAggregates")).hasSize(2);
		}
		assertThat(contentHashes).as("every tenant's content differs").hasSize(TENANTS);
		assertThat(this.jdbc.sql("SELECT count(*) FROM ledger_chain_heads WHERE seq = 1").query(Long.class).single())
			.isEqualTo(TENANTS);
	}

}
