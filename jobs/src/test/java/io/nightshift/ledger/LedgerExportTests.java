package io.nightshift.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import io.nightshift.cli.Cli;
import io.nightshift.platform.ExitCodes;
import io.nightshift.testsupport.CliHarness;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.NightshiftTest;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.nightshift.ledger.LedgerFixtures.DAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports hold what an auditor needs to verify a tenant's ledger offline; verifying one
 * needs no database and starts no application context.
 */
@NightshiftTest
class LedgerExportTests {

	@Autowired
	SnapshotCapture capture;

	@Autowired
	Ledger ledger;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@Autowired
	ConfigurableApplicationContext context;

	@TempDir
	Path folder;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		LedgerFixtures fixtures = new LedgerFixtures(this.jdbc, this.mongo);
		LedgerFixtures.TenantIds acme = fixtures.tenant("acme");
		fixtures.tenant("globex");
		for (int day = 4; day >= 0; day--) {
			append("acme", SnapshotKind.DAILY, DAY.minusDays(day));
			append("globex", SnapshotKind.DAILY, DAY.minusDays(day));
		}
		append("acme", SnapshotKind.WEEKLY, DAY);
		// A revision (late data) and a redacted entry.
		this.jdbc.sql("UPDATE enrollments SET status = 'withdrawn' WHERE id = :id")
			.param("id", acme.firstEnrollment())
			.update();
		append("acme", SnapshotKind.DAILY, DAY);
		this.jdbc
			.sql("UPDATE ledger_snapshots SET payload = NULL, redacted_at = now()"
					+ " WHERE tenant_id = 'acme' AND kind = 'daily' AND seq = 1")
			.update();
	}

	@Test
	void anExportVerifiesOfflineWithoutTheDatabase() throws Exception {
		Path file = this.folder.resolve("acme.json");

		CliHarness.Result export = cli("ledger", "export", "--tenant", "acme", "--out", file.toString());
		CliHarness.Result verify = offline("ledger", "verify", "--file", file.toString());

		assertThat(export.exitCode()).as(export.toString()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(export.out()).contains("exported 7 entries of tenant acme")
			.contains("(6 with payload, 1 redacted, 0 outside the range)")
			.contains("ledger intact");
		assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(verify.out()).contains("ledger intact: " + file + " (tenant acme): 2 chains, 7 entries"
				+ " (6 payloads checked, 1 redacted, 0 omitted)");
		JsonNode exported = this.json.readTree(file.toFile());
		assertThat(exported.path("format").asString()).isEqualTo("nightshift.ledger.export");
		assertThat(exported.path("formatVersion").asInt()).isEqualTo(1);
		assertThat(exported.path("algorithm").path("chainHashDomain").asString())
			.isEqualTo("nightshift.ledger.entry.v1\\n");
		JsonNode daily = exported.path("chains").get(0);
		assertThat(daily.path("kind").asString()).isEqualTo("daily");
		assertThat(daily.path("head").path("seq").asLong()).isEqualTo(6);
		assertThat(daily.path("entries").get(0).path("payloadState").asString()).isEqualTo("redacted");
		assertThat(daily.path("entries").get(5).path("supersedesSeq").asLong()).isEqualTo(5);
		assertThat(exported.toString()).doesNotContain("globex");
	}

	@Test
	void anIndependentRfc8785ImplementationReproducesEveryHash() throws Exception {
		Path file = this.folder.resolve("acme.json");
		cli("ledger", "export", "--tenant", "acme", "--out", file.toString());
		JsonNode exported = this.json.readTree(file.toFile());

		// What an auditor would write from the algorithm section, with the RFC author's
		// canonicalizer (not nightshift's) and the JDK's SHA-256.
		String domain = exported.path("algorithm").path("chainHashDomain").asString().replace("\\n", "\n");
		for (JsonNode chain : exported.path("chains")) {
			String prev = exported.path("algorithm").path("genesisPrevHash").asString();
			for (JsonNode entry : chain.path("entries")) {
				if (entry.path("payloadState").asString().equals("present")) {
					assertThat(sha256(entry.path("payload").asString().getBytes(StandardCharsets.UTF_8)))
						.isEqualTo(entry.path("contentHash").asString());
				}
				ObjectNode header = this.json.createObjectNode();
				for (String field : new String[] { "capturedAt", "contentHash", "coverage", "coverageReasons", "period",
						"prevHash", "revision", "schemaVersion", "seq", "supersedesSeq" }) {
					header.set(field, entry.path(field));
				}
				header.put("kind", chain.path("kind").asString());
				header.put("tenant", exported.path("tenant").asString());
				String canonical = new JsonCanonicalizer(header.toString()).getEncodedString();
				String chainHash = sha256((domain + canonical).getBytes(StandardCharsets.UTF_8));
				assertThat(entry.path("prevHash").asString()).isEqualTo(prev);
				assertThat(chainHash).isEqualTo(entry.path("chainHash").asString());
				prev = chainHash;
			}
			assertThat(chain.path("head").path("chainHash").asString()).isEqualTo(prev);
		}
	}

	@Test
	void aRangeIncludesOnlyItsPeriodsPayloadsYetTheWholeChainVerifies() throws Exception {
		Path file = this.folder.resolve("range.json");

		CliHarness.Result export = cli("ledger", "export", "--tenant", "acme", "--from", DAY.minusDays(1).toString(),
				"--to", DAY.toString(), "--out", file.toString());

		assertThat(export.exitCode()).as(export.toString()).isEqualTo(ExitCodes.COMPLETED);
		JsonNode exported = this.json.readTree(file.toFile());
		JsonNode daily = exported.path("chains").get(0).path("entries");
		assertThat(daily).hasSize(6);
		assertThat(daily.valueStream()
			.map((entry) -> entry.path("period").asString() + ":" + entry.path("payloadState").asString()))
			.containsExactly(DAY.minusDays(4) + ":redacted", DAY.minusDays(3) + ":omitted",
					DAY.minusDays(2) + ":omitted", DAY.minusDays(1) + ":present", DAY + ":present", DAY + ":present");
		assertThat(exported.path("chains").get(1).path("entries").get(0).path("payloadState").asString())
			.as("the week overlaps the range")
			.isEqualTo("present");
		CliHarness.Result verify = offline("ledger", "verify", "--file", file.toString());
		assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(verify.out()).contains("2 omitted");
	}

	@Test
	void aTamperedExportFailsVerificationNamingTheEntry() throws Exception {
		Path file = this.folder.resolve("acme.json");
		cli("ledger", "export", "--tenant", "acme", "--out", file.toString());

		ObjectNode changedPayload = (ObjectNode) this.json.readTree(file.toFile());
		ObjectNode third = (ObjectNode) changedPayload.path("chains").get(0).path("entries").get(2);
		third.put("payload", third.path("payload").asString().replace("\"active\":1", "\"active\":2"));
		ObjectNode removedEntry = (ObjectNode) this.json.readTree(file.toFile());
		((ArrayNode) removedEntry.path("chains").get(0).path("entries")).remove(3);
		ObjectNode swapped = (ObjectNode) this.json.readTree(file.toFile());
		ArrayNode entries = (ArrayNode) swapped.path("chains").get(0).path("entries");
		((ObjectNode) entries.get(1)).put("seq", 3);
		((ObjectNode) entries.get(2)).put("seq", 2);
		ObjectNode reordered = (ObjectNode) this.json.readTree(file.toFile());
		ArrayNode array = (ArrayNode) reordered.path("chains").get(0).path("entries");
		JsonNode first = array.get(0);
		array.set(0, array.get(4));
		array.set(4, first);

		CliHarness.Result content = offline("ledger", "verify", "--file", write("content.json", changedPayload));
		CliHarness.Result missing = offline("ledger", "verify", "--file", write("missing.json", removedEntry));
		CliHarness.Result order = offline("ledger", "verify", "--file", write("swapped.json", swapped));
		CliHarness.Result arrayOrder = offline("ledger", "verify", "--file", write("reordered.json", reordered));

		assertThat(content.exitCode()).as(content.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
		assertThat(content.out()).contains("BROKEN acme/daily seq 3 (period " + DAY.minusDays(2)
				+ " revision 1, chains[0].entries[2]): CONTENT_CHANGED");
		assertThat(missing.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
		assertThat(missing.out()).contains("ENTRY_MISSING").contains("seq 4 missing");
		assertThat(order.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
		assertThat(order.out()).contains("BROKEN acme/daily seq 2 (period " + DAY.minusDays(2)
				+ " revision 1, chains[0].entries[2]): LINK_BROKEN");
		assertThat(arrayOrder.exitCode()).as("seq orders a chain, not the array").isEqualTo(ExitCodes.COMPLETED);
	}

	@Test
	void badArgumentsAndFilesAreUsageErrors() throws Exception {
		Path existing = Files.writeString(this.folder.resolve("existing.json"), "{}");

		assertUsage(cli("ledger", "export", "--tenant", "acme", "--out", existing.toString()), "file exists");
		assertUsage(cli("ledger", "export", "--tenant", "nobody", "--out", this.folder.resolve("x.json").toString()),
				"--tenant nobody: unknown tenant");
		assertUsage(cli("ledger", "export", "--tenant", "acme", "--from", "2026-11-10", "--to", "2026-11-01", "--out",
				this.folder.resolve("x.json").toString()), "is after --to");
		assertUsage(cli("ledger", "export", "--tenant", "acme", "--out",
				this.folder.resolve("no/such/folder/x.json").toString()), "does not exist");
		assertUsage(offline("ledger", "verify", "--file", this.folder.resolve("absent.json").toString()),
				"no such file");
		assertUsage(offline("ledger", "verify", "--file", existing.toString()), "not a ledger export");
		assertUsage(offline("ledger", "verify", "--file", Files
			.writeString(this.folder.resolve("v9.json"),
					"{\"format\":\"nightshift.ledger.export\",\"formatVersion\":9,\"tenant\":\"acme\",\"chains\":[]}")
			.toString()), "format version 9 is not supported");
		assertUsage(offline("ledger", "verify", "--file", existing.toString(), "--tenant", "acme"),
				"exclude each other");
		assertThat(Files.readString(existing)).isEqualTo("{}");
		assertThat(cli("ledger", "export", "--tenant", "acme", "--out", existing.toString(), "--force").exitCode())
			.isEqualTo(ExitCodes.COMPLETED);
	}

	private void append(String tenant, SnapshotKind kind, java.time.LocalDate date) {
		this.ledger.append(this.capture.capture(tenant, kind, date, Duration.ofSeconds(5), null), null, false);
	}

	private String write(String name, JsonNode content) throws Exception {
		Path file = this.folder.resolve(name);
		Files.writeString(file, content.toString());
		return file.toString();
	}

	private CliHarness.Result cli(String... args) {
		return new CliHarness(this.context).run(args);
	}

	/** Runs a command with no application context at all: opening one fails the test. */
	private static CliHarness.Result offline(String... args) {
		java.io.StringWriter out = new java.io.StringWriter();
		java.io.StringWriter err = new java.io.StringWriter();
		int exit = new Cli((web, properties) -> {
			throw new AssertionError("the command opened the application context");
		}).execute(args, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
		return new CliHarness.Result(exit, out.toString(), err.toString());
	}

	private static void assertUsage(CliHarness.Result result, String message) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains(message);
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
