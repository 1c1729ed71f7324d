package io.nightshift.ledger;

import java.time.Duration;
import java.util.Map;

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
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.nightshift.ledger.LedgerFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tampering with the ledger is detected, naming the first broken entry and what is wrong;
 * retention's redaction is not tampering. To tamper despite the append-only trigger, the
 * tests switch triggers off for one statement (session_replication_role = replica).
 */
@NightshiftTest
class LedgerVerifyTests {

	@Autowired
	SnapshotCapture capture;

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerVerification verification;

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
		fixtures.tenant("acme");
		fixtures.tenant("globex");
		// Five daily entries per tenant (seq 1 to 5 = DAY-4 .. DAY) and one weekly.
		for (String tenant : new String[] { "acme", "globex" }) {
			for (int day = 4; day >= 0; day--) {
				append(tenant, SnapshotKind.DAILY, DAY.minusDays(day));
			}
			append(tenant, SnapshotKind.WEEKLY, DAY);
		}
	}

	@Test
	void anIntactLedgerVerifies() {
		VerificationReport report = this.verification.verify(null);

		assertThat(report.intact()).isTrue();
		assertThat(report.chains()).extracting((chain) -> chain.tenant() + "/" + chain.kind())
			.containsExactly("acme/daily", "acme/weekly", "globex/daily", "globex/weekly");
		assertThat(report.entries()).isEqualTo(12);
		assertThat(report.verified()).isEqualTo(12);
		CliHarness.Result result = cli("ledger", "verify", "--tenant", "acme");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(result.out()).contains("ledger intact: database (tenant acme): 2 chains, 6 entries");
	}

	@Test
	void aFlippedByteInAPayloadIsContentChanged() {
		tamper("UPDATE ledger_snapshots SET payload = set_byte(payload, 100, get_byte(payload, 100) # 1)"
				+ " WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 3");

		ChainProblem problem = firstProblem("acme", "daily");

		assertThat(problem.code()).isEqualTo(ChainProblem.Code.CONTENT_CHANGED);
		assertThat(problem.seq()).isEqualTo(3);
		assertThat(problem.entry()).startsWith("acme/daily seq 3 (period " + DAY.minusDays(2) + " revision 1, id ");
		assertThat(problem.message()).contains("the content was changed");
		assertThat(this.verification.verify("globex").intact()).as("other tenants are unaffected").isTrue();
	}

	@Test
	void anAlteredChainHashIsNamedAsSuch() {
		tamper("UPDATE ledger_snapshots SET chain_hash = repeat('a', 64) WHERE tenant_id = 'acme' AND kind = 'daily'"
				+ " AND seq = 3");

		ChainProblem problem = firstProblem("acme", "daily");

		assertThat(problem.code()).isEqualTo(ChainProblem.Code.HASH_ALTERED);
		assertThat(problem.seq()).isEqualTo(3);
		assertThat(problem.message()).startsWith("its chain_hash was altered");
	}

	@Test
	void anAlteredContentHashIsNamedAsSuch() {
		tamper("UPDATE ledger_snapshots SET content_hash = repeat('b', 64) WHERE tenant_id = 'acme'"
				+ " AND kind = 'daily' AND seq = 2");

		ChainProblem problem = firstProblem("acme", "daily");

		assertThat(problem.code()).isEqualTo(ChainProblem.Code.HASH_ALTERED);
		assertThat(problem.seq()).isEqualTo(2);
		assertThat(problem.message()).startsWith("its content_hash was altered");
	}

	@Test
	void anAlteredLastChainHashIsCaughtByTheRecordedHead() {
		tamper("UPDATE ledger_snapshots SET chain_hash = repeat('c', 64) WHERE tenant_id = 'acme' AND kind = 'daily'"
				+ " AND seq = 5");

		ChainProblem problem = firstProblem("acme", "daily");

		assertThat(problem.code()).isEqualTo(ChainProblem.Code.HASH_ALTERED);
		assertThat(problem.seq()).isEqualTo(5);
	}

	@Test
	void aChangedHeaderFieldIsHeaderChanged() {
		tamper("UPDATE ledger_snapshots SET captured_at = captured_at - interval '1 day' WHERE tenant_id = 'acme'"
				+ " AND kind = 'daily' AND seq = 4");

		ChainProblem problem = firstProblem("acme", "daily");

		assertThat(problem.code()).isEqualTo(ChainProblem.Code.HEADER_CHANGED);
		assertThat(problem.seq()).isEqualTo(4);
	}

	@Test
	void aDeletedMiddleEntryIsEntryMissing() {
		tamper("DELETE FROM ledger_snapshots WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 3");

		ChainProblem problem = firstProblem("acme", "daily");

		assertThat(problem.code()).isEqualTo(ChainProblem.Code.ENTRY_MISSING);
		assertThat(problem.seq()).isEqualTo(3);
		assertThat(problem.message()).startsWith("seq 3 missing: the entry after seq 2 is acme/daily seq 4");
	}

	@Test
	void aDeletedLastEntryIsEntryMissingThanksToTheRecordedHead() {
		tamper("DELETE FROM ledger_snapshots WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 5");

		ChainProblem problem = firstProblem("acme", "daily");

		assertThat(problem.code()).isEqualTo(ChainProblem.Code.ENTRY_MISSING);
		assertThat(problem.seq()).isEqualTo(5);
		assertThat(problem.message()).contains("the chain head records seq 5").contains("seq 5 missing");
	}

	@Test
	void swappedEntriesBreakTheLink() {
		tamper("UPDATE ledger_snapshots SET seq = 100 WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 2;"
				+ " UPDATE ledger_snapshots SET seq = 2 WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 3;"
				+ " UPDATE ledger_snapshots SET seq = 3 WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 100");

		ChainProblem problem = firstProblem("acme", "daily");

		assertThat(problem.code()).isEqualTo(ChainProblem.Code.LINK_BROKEN);
		assertThat(problem.seq()).isEqualTo(2);
		assertThat(problem.entry()).contains("period " + DAY.minusDays(2));
		assertThat(problem.message()).contains("is not the chain hash of seq 1");
	}

	@Test
	void redactionByRetentionKeepsTheLedgerVerifiable() {
		// Exactly the statement the retention job runs; the trigger allows it.
		long id = this.jdbc
			.sql("SELECT id FROM ledger_snapshots WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 2")
			.query(Long.class)
			.single();
		this.jdbc.sql("UPDATE ledger_snapshots SET payload = NULL, redacted_at = now() WHERE id = :id")
			.param("id", id)
			.update();

		VerificationReport report = this.verification.verify("acme");

		assertThat(report.intact()).isTrue();
		assertThat(report.redacted()).isEqualTo(1);
		assertThat(report.verified()).isEqualTo(5);
		CliHarness.Result result = cli("ledger", "verify", "--tenant", "acme");
		assertThat(result.exitCode()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(result.out()).contains("1 redacted");
		assertThat(this.ledger
			.append(this.capture.capture("acme", SnapshotKind.DAILY, DAY.plusDays(1), Duration.ofSeconds(5), null),
					null, false)
			.added()).as("a chain with redacted entries still grows").isTrue();
		assertThat(this.verification.verify("acme").intact()).isTrue();
	}

	@Test
	void theDatabaseRejectsEveryChangeButRedaction() {
		String one = "(SELECT id FROM ledger_snapshots WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 1)";

		assertRejected("UPDATE ledger_snapshots SET payload = convert_to('{}', 'UTF8') WHERE id = " + one);
		assertRejected("UPDATE ledger_snapshots SET coverage = 'PARTIAL' WHERE id = " + one);
		assertRejected("UPDATE ledger_snapshots SET payload = NULL, redacted_at = now(), content_hash = repeat('0', 64)"
				+ " WHERE id = " + one);
		assertRejected("DELETE FROM ledger_snapshots WHERE id = " + one);
		assertRejected("TRUNCATE ledger_snapshots CASCADE");
		this.jdbc.sql("UPDATE ledger_snapshots SET payload = NULL, redacted_at = now() WHERE id = " + one).update();
		assertRejected("UPDATE ledger_snapshots SET redacted_at = now() WHERE id = " + one);
		assertThat(Databases.count(this.jdbc, "ledger_snapshots")).isEqualTo(12);
	}

	@Test
	void theWriterRefusesToExtendAChainWhoseEndWasRemoved() {
		tamper("DELETE FROM ledger_snapshots WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 5");

		assertThatThrownBy(() -> append("acme", SnapshotKind.DAILY, DAY.plusDays(1)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("ledger chain acme/daily is inconsistent: its last entry is seq 4 but its recorded"
					+ " head is seq 5")
			.hasMessageContaining("nightshift ledger verify --tenant acme");
		assertThat(Databases.count(this.jdbc, "ledger_snapshots")).isEqualTo(11);
	}

	@Test
	void theCommandExitsSixNamingTheFirstBrokenEntryOfEachBrokenChain() {
		tamper("UPDATE ledger_snapshots SET payload = set_byte(payload, 100, get_byte(payload, 100) # 1)"
				+ " WHERE tenant_id = 'acme' AND kind = 'daily' AND seq IN (2, 4)");
		tamper("DELETE FROM ledger_snapshots WHERE tenant_id = 'globex' AND kind = 'weekly'");

		CliHarness.Result table = cli("ledger", "verify");
		CliHarness.Result json = cli("-o", "json", "ledger", "verify");

		assertThat(table.exitCode()).as(table.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
		assertThat(table.out()).contains("BROKEN acme/daily seq 2 (period " + DAY.minusDays(3) + " revision 1, id ")
			.contains("CONTENT_CHANGED")
			.contains("BROKEN globex/weekly seq 1: ENTRY_MISSING")
			.contains("ledger BROKEN: database: 2 of 4 chains broken")
			.doesNotContain("seq 4 (");
		assertThat(json.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
		JsonNode report = this.json.readTree(json.out());
		assertThat(report.path("intact").asBoolean()).isFalse();
		assertThat(report.path("chains").get(0).path("problem").path("code").asString()).isEqualTo("CONTENT_CHANGED");
		assertThat(report.path("chains").get(0).path("problem").path("seq").asLong()).isEqualTo(2);
		assertThat(cli("ledger", "verify", "--tenant", "nobody").exitCode()).isEqualTo(ExitCodes.USAGE);
	}

	private void append(String tenant, SnapshotKind kind, java.time.LocalDate date) {
		this.ledger.append(this.capture.capture(tenant, kind, date, Duration.ofSeconds(5), null), null, false);
	}

	private ChainProblem firstProblem(String tenant, String kind) {
		ChainReport chain = this.verification.verify(tenant)
			.chains()
			.stream()
			.filter((report) -> report.kind().equals(kind))
			.findFirst()
			.orElseThrow();
		assertThat(chain.intact()).as("chain %s/%s", tenant, kind).isFalse();
		return chain.problem();
	}

	/** Runs SQL with triggers switched off for this one transaction. */
	private void tamper(String sql) {
		this.jdbc.sql("DO $$ BEGIN SET LOCAL session_replication_role = replica; " + sql + "; END $$").update();
	}

	private void assertRejected(String sql) {
		assertThatThrownBy(() -> this.jdbc.sql(sql).update()).as(sql)
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("ledger_snapshots is append-only");
	}

	private CliHarness.Result cli(String... args) {
		return new CliHarness(this.context).run(args);
	}

}
