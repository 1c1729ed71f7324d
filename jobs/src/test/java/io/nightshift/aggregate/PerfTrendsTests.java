package io.nightshift.aggregate;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
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
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.nightshift.aggregate.BuildMetricRows.aRow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weekly and 28-day figures merged from the daily sketches are within their stated bound
 * of the exact percentile_cont over all the durations of the window.
 */
@NightshiftTest
class PerfTrendsTests {

	private static final LocalDate LAST = LocalDate.of(2026, 11, 15);

	private static final double[] FRACTIONS = { 0.5, 0.95, 0.99 };

	@Autowired
	PerfTrends trends;

	@Autowired
	LaunchService launcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NamedParameterJdbcTemplate named;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JsonMapper json;

	@BeforeEach
	void setUp() {
		Databases.reset(this.jdbc, this.mongo);
		BuildMetricRows.tenants(this.jdbc, "acme", "globex");
		SplittableRandom random = new SplittableRandom(2026);
		BuildMetricRows rows = new BuildMetricRows();
		for (int d = 0; d < 7; d++) {
			LocalDate day = LAST.minusDays(d);
			for (String tenant : List.of("acme", "globex")) {
				double median = tenant.equals("acme") ? 60_000 : 200_000;
				for (int i = 0; i < 1500; i++) {
					double sigma = (random.nextInt(20) == 0) ? 1.2 : 0.5;
					long duration = Math.round(median * Math.exp(sigma * random.nextGaussian()) / 10) * 10;
					rows.add(aRow().tenant(tenant)
						.project("web")
						.target("build")
						.duration(duration)
						.cached(random.nextInt(6) == 0)
						.finishedAt(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400))));
				}
			}
		}
		rows.insert(this.named);
		for (int d = 6; d >= 0; d--) {
			assertThat(this.launcher
				.run(new LaunchRequest(PerfAggregateJobConfiguration.JOB, LAST.minusDays(d), "all", Map.of(),
						Requester.operator(null)))
				.exitCode()).isEqualTo(ExitCodes.COMPLETED);
		}
	}

	@Test
	void aSevenDayWindowMergedFromDailySketchesIsWithinItsBoundOfTheExactWeeklyPercentile() {
		Trends acme = this.trends.trends("web", "build", "acme", null);

		assertThat(acme.asOf()).isEqualTo(LAST);
		Trends.Window week = acme.windows().get(0);
		assertThat(week.name()).isEqualTo("7d");
		assertThat(week.daysWithData()).isEqualTo(7);
		assertThat(week.n()).isEqualTo(exactCount("acme"));
		assertThat(week.relativeAccuracy()).isLessThanOrEqualTo(0.01);
		assertWithinBound(week, "acme");
		assertThat(acme.windows().get(1).n()).as("28 days hold the same seven").isEqualTo(week.n());
		assertThat(acme.days()).hasSize(7).allSatisfy((day) -> assertThat(day.exact()).isTrue());
		assertThat(acme.weeks().stream().mapToLong(Trends.Window::n).sum()).isEqualTo(week.n());
	}

	@Test
	void everyTenantMergedIsWithinTheSameBound() {
		Trends all = this.trends.trends("web", "build", "all", null);

		assertThat(all.tenant()).isEqualTo("all");
		assertThat(all.windows().get(0).n()).isEqualTo(exactCount("all"));
		assertWithinBound(all.windows().get(0), "all");
		assertThat(all.days()).hasSize(7).allSatisfy((day) -> assertThat(day.exact()).isFalse());
	}

	@Test
	void perfTrendsPrintsTheWindowsAsJsonAndAsksForATenantWhenSeveralHaveTheSeries() {
		CliHarness cli = new CliHarness(this.context);

		CliHarness.Result result = cli.run("perf", "trends", "--project", "web", "--target", "build", "--tenant",
				"acme", "-o", "json");
		CliHarness.Result ambiguous = cli.run("perf", "trends", "--project", "web", "--target", "build");
		CliHarness.Result unknown = cli.run("perf", "trends", "--project", "nope", "--target", "build");
		CliHarness.Result table = cli.run("perf", "trends", "--project", "web", "--target", "build", "--tenant", "all");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		JsonNode root = this.json.readTree(result.out());
		assertThat(root.get("asOf").asString()).isEqualTo("2026-11-15");
		JsonNode week = root.get("windows").get(0);
		assertThat(week.get("name").asString()).isEqualTo("7d");
		assertThat(week.get("p95").get("ms").asDouble()).isBetween(week.get("p95").get("lowerMs").asDouble(),
				week.get("p95").get("upperMs").asDouble());
		assertThat(week.get("relativeAccuracy").asDouble()).isLessThanOrEqualTo(0.01);
		assertThat(root.get("days")).hasSize(7);
		assertThat(ambiguous.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(ambiguous.err()).contains("several tenants have web/build: acme, globex");
		assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(table.exitCode()).as(table.toString()).isZero();
		assertThat(table.out()).contains("WINDOW").contains("7d").contains("28d").contains("±1.0%");
	}

	private void assertWithinBound(Trends.Window window, String tenant) {
		for (double fraction : FRACTIONS) {
			Trends.Estimate estimate = switch ((int) Math.round(fraction * 100)) {
				case 50 -> window.p50();
				case 95 -> window.p95();
				default -> window.p99();
			};
			double exact = exact(tenant, fraction);
			assertThat(Math.abs(estimate.ms() - exact))
				.as("p%s of %s: estimate %s, exact %s", fraction * 100, tenant, estimate.ms(), exact)
				.isLessThanOrEqualTo(window.relativeAccuracy() * exact);
			assertThat(exact).isBetween(estimate.lowerMs(), estimate.upperMs());
		}
	}

	private double exact(String tenant, double fraction) {
		return this.jdbc.sql("""
				SELECT percentile_cont(CAST(:fraction AS DOUBLE PRECISION)) WITHIN GROUP (ORDER BY duration_ms)
				  FROM build_metrics
				 WHERE NOT cached AND status = 'success' AND (:tenant = 'all' OR tenant_id = :tenant)
				   AND finished_at >= :from AND finished_at < :to
				""")
			.param("fraction", fraction)
			.param("tenant", tenant)
			.param("from", Timestamp.from(LAST.minusDays(6).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.param("to", Timestamp.from(LAST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query(Double.class)
			.single();
	}

	private long exactCount(String tenant) {
		return this.jdbc
			.sql("SELECT count(*) FROM build_metrics WHERE NOT cached AND (:tenant = 'all' OR tenant_id = :tenant)")
			.param("tenant", tenant)
			.query(Long.class)
			.single();
	}

}
