package io.nightshift.web;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.Drill;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, over every endpoint: anonymous, viewer, operator; CSRF on sessions;
 * tokens never logged.
 */
@NightshiftWebTest
@ExtendWith(OutputCaptureExtension.class)
class AccessControlTests {

	@LocalServerPort
	int port;

	@Autowired
	LaunchService launcher;

	@Autowired
	FaultInjection faults;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MongoTemplate mongo;

	WebTestSupport http;

	long executionId;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		Drill.items(this.jdbc, 50, "acme");
		this.faults.failAfterItems(Drill.JOB, 10);
		LaunchOutcome failed = this.launcher.run(new LaunchRequest(Drill.JOB, LocalDate.of(2026, 11, 20), "acme",
				Map.of(), Requester.operator("fixture")));
		this.executionId = failed.executionId();
		this.http = new WebTestSupport(this.port);
	}

	private List<String> reads() {
		return List.of("/", "/executions", "/executions/" + this.executionId, "/ledger", "/ledger/acme", "/perf",
				"/api/jobs", "/api/executions", "/api/executions/" + this.executionId,
				"/api/gaps?from=2026-11-01&to=2026-11-02", "/api/ledger/acme/history", "/api/ledger/verify",
				"/api/perf/trends?project=web&target=build", "/actuator/health", "/actuator/prometheus");
	}

	private List<String[]> writes() {
		return List.of(
				new String[] { "/api/runs", "{\"job\":\"drill-copy\",\"date\":\"2026-11-19\",\"tenant\":\"acme\"}" },
				new String[] { "/api/executions/" + this.executionId + "/stop", null },
				new String[] { "/api/backfills",
						"{\"job\":\"drill-copy\",\"from\":\"2026-11-10\",\"to\":\"2026-11-11\",\"tenant\":\"acme\",\"dryRun\":true}" },
				new String[] { "/api/quality-reports", "{}" },
				new String[] { "/api/executions/" + this.executionId + "/restart", null },
				new String[] { "/executions/" + this.executionId + "/restart", null });
	}

	@Test
	void anonymousCallersGetNothingButLivenessAndTheLoginPage(CapturedOutput output) throws Exception {
		for (String path : reads()) {
			HttpResponse<String> response = this.http.get(path, null);
			if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
				assertThat(response.statusCode()).as("GET " + path).isEqualTo(401);
			}
			else {
				assertThat(response.statusCode()).as("GET " + path).isEqualTo(302);
				assertThat(response.headers().firstValue("Location"))
					.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
			}
		}
		for (String[] write : writes()) {
			assertThat(this.http.post(write[0], null, write[1]).statusCode()).as("POST " + write[0])
				.isIn(401, 302, 403);
		}
		assertThat(this.http.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/login", null).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/api/jobs", "bogus-token-xyz").statusCode()).isEqualTo(401);
		assertThat(output).doesNotContain("bogus-token-xyz");
	}

	@Test
	void viewersReadEverythingAndChangeNothing(CapturedOutput output) throws Exception {
		for (String path : reads()) {
			// No aggregates exist in this fixture: the trends answer "not found", which
			// is an answer.
			// Health is 503 here: no scheduler fires in a test (OUT_OF_SERVICE), unlike
			// in serve.
			int expected = path.startsWith("/api/perf/trends") ? 404 : path.equals("/actuator/health") ? 503 : 200;
			assertThat(this.http.get(path, WebTestSupport.VIEWER_TOKEN).statusCode()).as("GET " + path)
				.isEqualTo(expected);
		}
		for (String[] write : writes()) {
			assertThat(this.http.post(write[0], WebTestSupport.VIEWER_TOKEN, write[1]).statusCode())
				.as("POST " + write[0])
				.isEqualTo(403);
		}
		assertThat(output).doesNotContain(WebTestSupport.VIEWER_TOKEN);
	}

	@Test
	void operatorsMayChangeThingsAndAreRecordedAsTheActor(CapturedOutput output) throws Exception {
		for (String[] write : writes()) {
			int status = this.http.post(write[0], WebTestSupport.OPERATOR_TOKEN, write[1]).statusCode();
			assertThat(status).as("POST " + write[0]).isNotIn(401, 403, 500);
		}
		assertThat(this.jdbc.sql("SELECT DISTINCT actor FROM launch_audit WHERE trigger = 'api'")
			.query(String.class)
			.list()).containsExactly("otto");
		assertThat(output).doesNotContain(WebTestSupport.OPERATOR_TOKEN);
	}

	@Test
	void browserSessionsNeedCsrfTokensForChanges() throws Exception {
		HttpResponse<String> login = this.http.get("/login", null);
		String csrf = csrf(login.body());
		HttpResponse<String> signedIn = this.http.postForm("/login", "name=browser&token="
				+ URLEncoder.encode(WebTestSupport.OPERATOR_TOKEN, StandardCharsets.UTF_8) + "&_csrf=" + csrf);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

		HttpResponse<String> page = this.http.get("/executions/" + this.executionId, null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Restart from the last commit");

		assertThat(this.http.postForm("/executions/" + this.executionId + "/restart", "").statusCode())
			.as("no CSRF token")
			.isEqualTo(403);
		HttpResponse<String> restarted = this.http.postForm("/executions/" + this.executionId + "/restart",
				"_csrf=" + csrf(page.body()));
		assertThat(restarted.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.sql("SELECT count(*) FROM launch_audit WHERE action = 'restart' AND actor = 'otto'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aWrongTokenAtTheLoginPageIsRefused() throws Exception {
		String csrf = csrf(this.http.get("/login", null).body());
		HttpResponse<String> refused = this.http.postForm("/login", "name=x&token=nope&_csrf=" + csrf);
		assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/login?error");
	}

	private static String csrf(String html) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the form").isTrue();
		return matcher.group(1);
	}

}
