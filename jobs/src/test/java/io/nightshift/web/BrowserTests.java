package io.nightshift.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import io.nightshift.platform.batch.FaultInjection;
import io.nightshift.platform.launch.LaunchOutcome;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.launch.Requester;
import io.nightshift.testsupport.Databases;
import io.nightshift.testsupport.Drill;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (headless Chromium driven by Selenium): an operator
 * signs in, goes from the overview to a failed execution and restarts it. Skipped,
 * loudly, only when the browser is not installed (scripts/ci/install-browser installs
 * it).
 */
@NightshiftWebTest
class BrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

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

	@TempDir
	Path profile;

	WebDriver browser;

	long failedExecution;

	@BeforeEach
	void setUp() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed) {
			System.err.println("""

					*****************************************************************************
					* BROWSER TESTS SKIPPED: /usr/bin/chromium or /usr/bin/chromedriver missing. *
					* Run scripts/ci/install-browser (Debian: chromium chromium-driver).        *
					*****************************************************************************
					""");
		}
		Assumptions.assumeTrue(installed, "headless Chromium is not installed");
		Databases.reset(this.jdbc, this.mongo);
		Drill.items(this.jdbc, 80, "acme");
		this.faults.failAfterItems(Drill.JOB, 20);
		LaunchOutcome failed = this.launcher.run(new LaunchRequest(Drill.JOB, LocalDate.now().minusDays(1), "acme",
				Map.of(), Requester.operator("browser fixture")));
		this.failedExecution = failed.executionId();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void tearDown() {
		this.faults.disarm(Drill.JOB);
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void anOperatorGoesFromTheOverviewToAFailedExecutionAndRestartsIt() {
		signIn(WebTestSupport.OPERATOR_TOKEN);
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));

		assertThat(this.browser.findElement(By.id("jobs")).getText()).contains("drill-copy");
		assertThat(this.browser.findElement(By.id("user")).getText()).isEqualTo("otto");
		this.browser.findElement(By.cssSelector("#failed a[href='/executions/" + this.failedExecution + "']")).click();

		wait.until(ExpectedConditions.textToBe(By.id("execution-id"), Long.toString(this.failedExecution)));
		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("FAILED");
		this.browser.findElement(By.id("restart")).click();

		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
		assertThat(this.browser.findElement(By.id("message")).getText()).startsWith("completed: execution");
		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("COMPLETED");
		assertThat(this.browser.findElement(By.id("execution-id")).getText())
			.isNotEqualTo(Long.toString(this.failedExecution));
		assertThat(this.browser.findElement(By.id("history")).getText()).contains("FAILED").contains("COMPLETED");
		assertThat(Drill.totalsCount(this.jdbc)).isEqualTo(80);
	}

	@Test
	void aViewerSeesTheExecutionButNoRestartButton() {
		signIn(WebTestSupport.VIEWER_TOKEN);
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));

		this.browser.get(url("/executions/" + this.failedExecution));

		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("FAILED");
		assertThat(this.browser.findElements(By.id("restart"))).isEmpty();
	}

	@Test
	void aWrongTokenKeepsTheBrowserOnTheLoginPage() {
		signIn("not-a-token");
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));

		assertThat(this.browser.findElement(By.id("login-error")).getText()).contains("not known");
	}

	private void signIn(String token) {
		this.browser.get(url("/"));
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
		this.browser.findElement(By.id("token")).sendKeys(token);
		this.browser.findElement(By.id("sign-in")).click();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
