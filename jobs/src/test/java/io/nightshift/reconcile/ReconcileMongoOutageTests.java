package io.nightshift.reconcile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.demo.DemoSeeder;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.testsupport.Databases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB going away in the middle of a reconcile run. The application runs against a
 * Mongo-wire server of its own (the shared test server is never stopped), which the tests
 * stop and start again on the same port and data file.
 */
@SpringBootTest(properties = "spring.mongodb.uri=${reconcile-outage.mongo-uri}")
class ReconcileMongoOutageTests {

	private static final String JOB = "reconcile";

	private static Path file;

	private static int port;

	private static MongoServer server;

	private static boolean running;

	@Autowired
	LaunchService launcher;

	@Autowired
	DemoSeeder seeder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	FaultInjection faults;

	@BeforeAll
	static void startServer() throws IOException {
		file = Files.createTempDirectory("reconcile-outage").resolve("mongo.mv");
		server = new MongoServer(new H2Backend(file.toString()));
		server.bind(new InetSocketAddress("127.0.0.1", 0));
		port = server.getLocalAddress().getPort();
		running = true;
		// Short timeouts: an unreachable server fails the step in seconds, not after 30s.
		System.setProperty("reconcile-outage.mongo-uri", "mongodb://127.0.0.1:" + port
				+ "/nightshift?serverSelectionTimeoutMS=3000&connectTimeoutMS=1000&socketTimeoutMS=5000");
	}

	@AfterAll
	static void stopServer() {
		server.shutdownNow();
		System.clearProperty("reconcile-outage.mongo-uri");
	}

	@BeforeEach
	void setUp() {
		if (!running) {
			restartServer();
		}
		Databases.reset(this.jdbc, this.mongo);
		Overviews.seed(this.seeder);
		LaunchOutcome rebuild = Overviews.run(this.launcher, "projection-rebuild", "all", Map.of());
		assertThat(rebuild.exitCode()).as(rebuild.message()).isEqualTo(ExitCodes.COMPLETED);
	}

	@AfterEach
	void disarm() {
		this.faults.disarm(JOB);
	}

	@Test
	void mongoLostDuringTheMergeFailsTheRunClearlyAndTheRestartCompletesItExactly() throws Exception {
		List<Long> programs = Overviews.programIds(this.jdbc, "all");
		long drifted = programs.get(programs.size() - 2);
		Overviews.overviews(this.mongo).updateOne(Filters.eq("_id", drifted), Updates.inc("participantsCount", 3L));
		this.faults.delayChunks(JOB, Duration.ofMillis(150));

		LaunchOutcome failed = runWhileMongoGoesAway(() -> committedExpected() >= 4,
				Map.of("grid-size", "1", "chunk-size", "2"));

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.message()).contains("MongoDB failed while reading program_overview")
			.contains("a restart resumes")
			.contains("nightshift restart " + failed.executionId());
		long before = committedExpected();
		assertThat(before).isBetween(4L, (long) programs.size() - 1);

		restartServer();
		this.faults.disarm(JOB);
		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("mongo is back"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(run, "expected")).isEqualTo(programs.size());
		assertThat(Overviews.count(run, "actual")).isEqualTo(programs.size());
		assertThat(Overviews.count(run, "mismatched")).isEqualTo(1);
		assertThat(Overviews.recorded(this.jdbc, "mismatched")).containsExactly(Long.toString(drifted));
		assertThat(Overviews.count(run, "missing") + Overviews.count(run, "extra")).isZero();
	}

	@Test
	void mongoLostDuringTheRepairFailsTheRunAndTheRestartAppliesNoRepairTwice() throws Exception {
		List<Long> programs = Overviews.programIds(this.jdbc, "all");
		List<Long> drifted = programs.subList(0, 6);
		drifted.forEach((id) -> Overviews.overviews(this.mongo)
			.updateOne(Filters.eq("_id", id), Updates.inc("participantsCount", 1L)));
		this.faults.delayChunks(JOB, Duration.ofMillis(150));

		LaunchOutcome failed = runWhileMongoGoesAway(() -> repairs("repaired") >= 2,
				Map.of("grid-size", "1", "chunk-size", "2", "repair", "true"));

		assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.message()).contains("MongoDB failed while");
		long repairedBefore = repairs("repaired");
		assertThat(repairedBefore).isBetween(2L, 5L);

		restartServer();
		this.faults.disarm(JOB);
		Map<Object, Date> afterFailure = projectedAt();
		LaunchOutcome restarted = this.launcher.restart(failed.executionId(), Requester.operator("mongo is back"));

		assertThat(restarted.exitCode()).as(restarted.message()).isEqualTo(ExitCodes.COMPLETED);
		Map<String, Object> run = Overviews.lastRun(this.jdbc);
		assertThat(Overviews.count(run, "mismatched")).isEqualTo(drifted.size());
		assertThat(Overviews.count(run, "repaired")).isEqualTo(drifted.size());
		assertThat(repairs("repaired")).isEqualTo(drifted.size());
		Map<Object, Date> afterRestart = projectedAt();
		long rewritten = drifted.stream().filter((id) -> !afterRestart.get(id).equals(afterFailure.get(id))).count();
		assertThat(rewritten).as("only the repairs not applied before the outage are written")
			.isEqualTo(drifted.size() - repairedBefore);
		LaunchOutcome again = Overviews.rerun(this.launcher, JOB, "all", Map.of("fail-on-drift", "true"));
		assertThat(again.exitCode()).as(again.message()).isEqualTo(ExitCodes.COMPLETED);
	}

	private LaunchOutcome runWhileMongoGoesAway(java.util.function.BooleanSupplier when, Map<String, String> settings)
			throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<LaunchOutcome> outcome = executor.submit(() -> Overviews.run(this.launcher, JOB, "all", settings));
			long deadline = System.currentTimeMillis() + 30_000;
			while (!when.getAsBoolean()) {
				assertThat(System.currentTimeMillis()).as("the run got far enough within 30s").isLessThan(deadline);
				assertThat(outcome.isDone()).as("the run is still going").isFalse();
				Thread.sleep(10);
			}
			server.shutdownNow();
			running = false;
			return outcome.get();
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** Programs compared in committed chunks. */
	private long committedExpected() {
		return this.jdbc.sql("SELECT coalesce(max(expected), 0) FROM reconcile_runs").query(Long.class).single();
	}

	private long repairs(String state) {
		return this.jdbc.sql("SELECT count(*) FROM reconcile_repairs WHERE state = :state")
			.param("state", state)
			.query(Long.class)
			.single();
	}

	private Map<Object, Date> projectedAt() {
		Map<Object, Date> projected = new HashMap<>();
		Overviews.overviews(this.mongo)
			.find()
			.forEach((document) -> projected.put(document.get("_id"), document.getDate("projectedAt")));
		return projected;
	}

	private static void restartServer() {
		server = new MongoServer(new H2Backend(file.toString()));
		server.bind(new InetSocketAddress("127.0.0.1", port));
		running = true;
	}

}
