package io.nightshift.ledger;

import java.util.List;

import io.nightshift.platform.ExitCodes;
import io.nightshift.testsupport.CliHarness;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.nightshift.ledger.LedgerFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ledger history}: paginated, in a stable order, with coverage, state and hashes.
 */
@NightshiftTest
class LedgerHistoryTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		LedgerFixtures fixtures = new LedgerFixtures(this.jdbc, this.mongo);
		LedgerFixtures.TenantIds acme = fixtures.tenant("acme");
		fixtures.tenant("globex");
		// Through the command line, as an operator would: newest period first, so that
		// the
		// order of the history is not the order of appending.
		for (int day = 0; day <= 2; day++) {
			ok(cli("run", "snapshot-daily", "--date", DAY.minusDays(day).toString(), "--tenant", "all"));
		}
		ok(cli("run", "snapshot-weekly", "--date", DAY.toString(), "--tenant", "acme"));
		ok(cli("run", "snapshot-weekly", "--date", DAY.minusWeeks(1).toString(), "--tenant", "acme"));
		this.jdbc.sql("UPDATE enrollments SET status = 'withdrawn' WHERE id = :id")
			.param("id", acme.firstEnrollment())
			.update();
		// Late data for one tenant: a run for that tenant alone is a new run identity.
		ok(cli("run", "snapshot-daily", "--date", DAY.minusDays(1).toString(), "--tenant", "acme"));
		this.jdbc
			.sql("UPDATE ledger_snapshots SET payload = NULL, redacted_at = now()"
					+ " WHERE tenant_id = 'acme' AND kind = 'daily' AND period = :period")
			.param("period", DAY.minusDays(2))
			.update();
	}

	@Test
	void entriesArePagedInKindPeriodRevisionOrder() {
		JsonNode first = json("-o", "json", "ledger", "history", "--tenant", "acme", "--page-size", "3");
		JsonNode second = json("-o", "json", "ledger", "history", "--tenant", "acme", "--page-size", "3", "--page",
				"2");
		JsonNode beyond = json("-o", "json", "ledger", "history", "--tenant", "acme", "--page-size", "3", "--page",
				"3");

		assertThat(first.path("total").asLong()).isEqualTo(6);
		assertThat(first.path("pages").asInt()).isEqualTo(2);
		assertThat(rows(first)).containsExactly("daily " + DAY.minusDays(2) + " r1 redacted",
				"daily " + DAY.minusDays(1) + " r1 superseded", "daily " + DAY.minusDays(1) + " r2 current");
		assertThat(rows(second)).containsExactly("daily " + DAY + " r1 current",
				"weekly " + DAY.minusWeeks(1).minusDays(2) + " r1 current",
				"weekly " + DAY.minusDays(2) + " r1 current");
		assertThat(beyond.path("entries")).isEmpty();
		JsonNode entry = first.path("entries").get(2);
		assertThat(entry.path("seq").asLong()).as("appended last").isEqualTo(4);
		assertThat(entry.path("coverage").asString()).isEqualTo("COMPLETE");
		assertThat(entry.path("contentHash").asString()).hasSize(64);
		assertThat(entry.path("chainHash").asString()).hasSize(64);
		assertThat(entry.path("executionId").isNumber()).isTrue();
	}

	@Test
	void theTableShowsOneKindWithCoverageAndHashes() {
		CliHarness.Result weekly = cli("ledger", "history", "--tenant", "acme", "--kind", "weekly");
		CliHarness.Result daily = cli("ledger", "history", "--tenant", "acme", "--kind", "DAILY", "--page-size", "2");

		assertThat(weekly.exitCode()).as(weekly.toString()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(weekly.out()).contains("KIND    PERIOD      REV  SEQ  COVERAGE  REASONS  STATE    CAPTURED")
			.contains("weekly  " + DAY.minusWeeks(1).minusDays(2) + "  1    2    COMPLETE  -        current")
			.contains("tenant acme, weekly: page 1 of 1 (2 entries, 50 per page)");
		assertThat(daily.out()).contains("page 1 of 2 (4 entries, 2 per page); next: --page 2");
	}

	@Test
	void badArgumentsAreUsageErrors() {
		assertUsage(cli("ledger", "history", "--tenant", "acme", "--kind", "monthly"), "--kind monthly");
		assertUsage(cli("ledger", "history", "--tenant", "nobody"), "--tenant nobody: unknown tenant");
		assertUsage(cli("ledger", "history", "--tenant", "acme", "--page", "0"), "--page 0");
		assertUsage(cli("ledger", "history", "--tenant", "acme", "--page-size", "5000"), "--page-size 5000");
		assertThat(cli("ledger", "history").exitCode()).as("--tenant is required").isEqualTo(ExitCodes.USAGE);
	}

	private static List<String> rows(JsonNode page) {
		return page.path("entries")
			.valueStream()
			.map((entry) -> entry.path("kind").asString() + " " + entry.path("period").asString() + " r"
					+ entry.path("revision").asInt() + " " + entry.path("state").asString())
			.toList();
	}

	private JsonNode json(String... args) {
		CliHarness.Result result = cli(args);
		ok(result);
		return this.json.readTree(result.out());
	}

	private static void ok(CliHarness.Result result) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.COMPLETED);
	}

	private static void assertUsage(CliHarness.Result result, String message) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains(message);
	}

	private CliHarness.Result cli(String... args) {
		return new CliHarness(this.context).run(args);
	}

}
