package io.nightshift.ledger;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.nightshift.platform.json.CanonicalJson;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.nightshift.ledger.LedgerFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The capture on its own: read-only sources, and coverage when Mongo is unavailable (a
 * client of our own pointed at a port where nothing listens; the shared test servers are
 * never stopped).
 */
@NightshiftTest
class SnapshotCaptureTests {

	@Autowired
	SnapshotSources sources;

	@Autowired
	SnapshotCapture capture;

	@Autowired
	Ledger ledger;

	@Autowired
	CanonicalJson canonical;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	private MongoClient deadClient;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		new LedgerFixtures(this.jdbc, this.mongo).tenant("acme");
	}

	@AfterEach
	void closeDeadClient() {
		if (this.deadClient != null) {
			this.deadClient.close();
		}
	}

	@Test
	void sourcesAreReadInARepeatableReadReadOnlyTransactionInWhichAWriteFails() {
		Map<String, Object> settings = this.sources.readOnly(
				(jdbc) -> jdbc
					.sql("SELECT current_setting('transaction_read_only') AS read_only,"
							+ " current_setting('transaction_isolation') AS isolation")
					.query()
					.singleRow());

		assertThat(settings).containsEntry("read_only", "on").containsEntry("isolation", "repeatable read");
		assertThatThrownBy(() -> this.sources
			.readOnly((jdbc) -> jdbc.sql("INSERT INTO tenants (id, name) VALUES ('intruder', 'Intruder')").update()))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("read-only transaction")
			.satisfies((ex) -> assertThat(
					((java.sql.SQLException) ((DataAccessException) ex).getMostSpecificCause()).getSQLState())
				.isEqualTo("25006"));
		assertThatThrownBy(
				() -> this.sources.readOnly((jdbc) -> jdbc.sql("UPDATE programs SET phase = 'closed'").update()))
			.hasMessageContaining("read-only transaction");
		assertThat(this.jdbc.sql("SELECT count(*) FROM tenants WHERE id = 'intruder'").query(Long.class).single())
			.isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM programs WHERE phase = 'closed'").query(Long.class).single())
			.isZero();
	}

	@Test
	void whenMongoIsUnreachableTheSnapshotIsPartialWithAMachineReadableReason() throws Exception {
		SnapshotCapture offline = new SnapshotCapture(this.sources, new QualityRunReader(deadMongo(), this.canonical),
				this.canonical, this.clock);

		long started = System.nanoTime();
		SnapshotCapture.CapturedSnapshot partial = offline.capture("acme", SnapshotKind.DAILY, DAY,
				Duration.ofSeconds(5), 42L);
		long firstMillis = (System.nanoTime() - started) / 1_000_000;
		started = System.nanoTime();
		SnapshotCapture.CapturedSnapshot again = offline.capture("acme", SnapshotKind.DAILY, DAY, Duration.ofSeconds(5),
				42L);
		long secondMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(partial.coverage()).isEqualTo("PARTIAL");
		assertThat(partial.reasonsJson()).isEqualTo(
				"[{\"code\":\"QUALITY_RUNS_UNAVAILABLE\",\"detail\":{\"cause\":\"unreachable\"},\"source\":\"mongo:quality_runs\"}]");
		JsonNode payload = this.json.readTree(new String(partial.payload(), StandardCharsets.UTF_8));
		assertThat(payload.path("qualityRuns").isNull()).isTrue();
		assertThat(payload.path("programs")).as("the PostgreSQL sections are still captured").hasSize(2);
		assertThat(payload.path("coverage").path("reasons")).hasSize(1);
		assertThat(firstMillis).as("bounded by the client's server selection timeout").isLessThan(10_000);
		assertThat(secondMillis).as("the execution remembers the outage").isLessThan(firstMillis);
		assertThat(again.contentHash()).as("reasons hold no exception text").isEqualTo(partial.contentHash());
	}

	@Test
	void aCompleteCaptureSupersedesAPartialOneButAPartialOneDoesNotDegradeACompleteOne() throws Exception {
		SnapshotCapture offline = new SnapshotCapture(this.sources, new QualityRunReader(deadMongo(), this.canonical),
				this.canonical, this.clock);
		SnapshotCapture.CapturedSnapshot partial = offline.capture("acme", SnapshotKind.DAILY, DAY,
				Duration.ofSeconds(5), null);

		Ledger.Appended first = this.ledger.append(partial, null, false);
		Ledger.Appended complete = this.ledger
			.append(this.capture.capture("acme", SnapshotKind.DAILY, DAY, Duration.ofSeconds(5), null), null, false);
		Ledger.Appended kept = this.ledger.append(partial, null, false);
		Ledger.Appended forced = this.ledger.append(partial, null, true);

		assertThat(first.outcome()).isEqualTo(Ledger.Outcome.APPENDED);
		assertThat(first.entry().coverage()).isEqualTo("PARTIAL");
		assertThat(complete.outcome()).isEqualTo(Ledger.Outcome.REVISED);
		assertThat(complete.entry().revision()).isEqualTo(2);
		assertThat(complete.superseded().id()).isEqualTo(first.entry().id());
		assertThat(kept.outcome()).isEqualTo(Ledger.Outcome.KEPT_COMPLETE);
		assertThat(forced.outcome()).as("partial-supersedes-complete: true").isEqualTo(Ledger.Outcome.REVISED);
		assertThat(this.jdbc.sql("SELECT coverage FROM ledger_snapshots ORDER BY seq").query(String.class).list())
			.containsExactly("PARTIAL", "COMPLETE", "PARTIAL");
	}

	@Test
	void capturingTheSameStateTwiceGivesTheSameBytes() {
		SnapshotCapture.CapturedSnapshot one = this.capture.capture("acme", SnapshotKind.WEEKLY, DAY,
				Duration.ofSeconds(5), null);
		SnapshotCapture.CapturedSnapshot two = this.capture.capture("acme", SnapshotKind.WEEKLY, DAY.plusDays(2),
				Duration.ofSeconds(5), null);

		assertThat(two.payload()).isEqualTo(one.payload());
		assertThat(one.period().start()).isEqualTo(java.time.LocalDate.of(2026, 11, 16));
		String text = new String(one.payload(), StandardCharsets.UTF_8);
		assertThat(this.canonical.canonicalizeJson(text)).isEqualTo(text);
		assertThat(one.contentHash()).isEqualTo(LedgerHashing.contentHash(one.payload()));
	}

	private MongoTemplate deadMongo() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// Nothing listens on the port now; our own client, so the shared server is
		// untouched.
		this.deadClient = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(800, TimeUnit.MILLISECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout(300, TimeUnit.MILLISECONDS))
			.build());
		return new MongoTemplate(this.deadClient, "nightshift");
	}

}
