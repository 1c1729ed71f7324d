package io.nightshift.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.NightshiftProperties;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@NightshiftTest
class JobConfigsTests {

	private static final String VALID = """
			enabled: false
			schedule:
			  cron: "0 0 3 * * ?"
			  zone: Europe/Berlin
			  misfire: fire-once
			settings:
			  chunk-size: 250
			  throttle: PT1S
			""";

	@Autowired
	JobCatalog catalog;

	@Value("${nightshift.config-dir}")
	Path testConfigs;

	@TempDir
	Path dir;

	@BeforeEach
	void copyTheRealConfigs() throws IOException {
		try (Stream<Path> files = Files.list(this.testConfigs)) {
			for (Path file : files.toList()) {
				Files.copy(file, this.dir.resolve(file.getFileName()));
			}
		}
	}

	@Test
	void aValidFileBindsToTypedSettings() throws IOException {
		JobConfig config = load(VALID).config("drill-copy");

		assertThat(config.enabled()).isFalse();
		assertThat(config.schedule()).hasValueSatisfying((schedule) -> {
			assertThat(schedule.cron()).isEqualTo("0 0 3 * * ?");
			assertThat(schedule.zone().getId()).isEqualTo("Europe/Berlin");
			assertThat(schedule.misfire()).isEqualTo(Schedule.Misfire.FIRE_ONCE);
		});
		assertThat(config.settings().toString()).contains("chunkSize=250").contains("throttle=PT1S");
	}

	@Test
	void defaultsApplyWhenKeysAreLeftOut() throws IOException {
		JobConfig config = load("schedule:\n  cron: \"0 0 3 * * ?\"\n").config("drill-copy");

		assertThat(config.enabled()).isTrue();
		assertThat(config.schedule().get().zone().getId()).isEqualTo("UTC");
		assertThat(config.schedule().get().misfire()).isEqualTo(Schedule.Misfire.SKIP);
		assertThat(config.settings().toString()).contains("chunkSize=100");
	}

	@Test
	void anUnknownTopLevelKeyIsNamedWithItsLine() {
		assertRejected(VALID + "timeout: PT1H\n", "drill-copy.yml: timeout: unknown key (line 9)");
	}

	@Test
	void anUnknownSettingIsNamed() {
		assertRejected(VALID.replace("chunk-size: 250", "chunk-sise: 250"), "settings.chunk-sise: unknown key");
	}

	@Test
	void aBadCronIsNamedWithTheFieldOrder() {
		assertRejected(VALID.replace("0 0 3 * * ?", "0 61 3 * * ?"),
				"drill-copy.yml: schedule.cron: '0 61 3 * * ?' is not a Quartz cron expression");
		assertRejected(VALID.replace("0 0 3 * * ?", "15 2 * * *"), "seconds minutes hours");
	}

	@Test
	void aNegativeDurationIsRejected() {
		assertRejected(VALID.replace("throttle: PT1S", "throttle: -PT5S"), "settings.throttle:");
	}

	@Test
	void aConstraintViolationIsNamed() {
		assertRejected(VALID.replace("chunk-size: 250", "chunk-size: 0"),
				"drill-copy.yml: settings.chunk-size: must be greater than 0 (value '0') (line 7)");
	}

	@Test
	void aValueOfTheWrongTypeIsNamed() {
		assertRejected(VALID.replace("chunk-size: 250", "chunk-size: lots"),
				"settings.chunk-size: cannot use value 'lots'");
		assertRejected(VALID.replace("Europe/Berlin", "Mars/Olympus"),
				"schedule.zone: cannot use value 'Mars/Olympus'");
		assertRejected(VALID.replace("fire-once", "whenever"), "schedule.misfire: cannot use value 'whenever'");
	}

	@Test
	void brokenYamlIsNamed() {
		assertRejected("schedule: [unclosed\n", "drill-copy.yml: not valid YAML");
	}

	@Test
	void aMissingFileAndAFileForNoJobAreNamed() throws IOException {
		Files.delete(this.dir.resolve("drill-copy.yml"));
		Files.writeString(this.dir.resolve("drill-cpy.yml"), VALID);

		assertThatThrownBy(() -> configs()).isInstanceOf(NightshiftException.class)
			.hasMessageContaining("drill-copy.yml: missing")
			.hasMessageContaining("drill-cpy.yml: no job named 'drill-cpy'");
	}

	@Test
	void overridesAreValidatedAgainstTheSettingsRecord() throws IOException {
		JobConfigs configs = load(VALID);

		assertThat(configs.settingsWithOverrides("drill-copy", java.util.Map.of("chunk-size", "7")).toString())
			.contains("chunkSize=7")
			.contains("throttle=PT1S");
		assertThatThrownBy(() -> configs.settingsWithOverrides("drill-copy", java.util.Map.of("speed", "1")))
			.hasMessageContaining("--set speed: unknown key")
			.hasMessageContaining("known settings: chunk-size, throttle");
		assertThatThrownBy(() -> configs.settingsWithOverrides("drill-copy", java.util.Map.of("throttle", "soon")))
			.hasMessageContaining("--set throttle: cannot use value 'soon'");
	}

	private JobConfigs load(String drillConfig) throws IOException {
		Files.writeString(this.dir.resolve("drill-copy.yml"), drillConfig);
		return configs();
	}

	private JobConfigs configs() {
		return new JobConfigs(this.catalog, new NightshiftProperties(this.dir, this.dir,
				new NightshiftProperties.Lease(Duration.ofSeconds(60), Duration.ofSeconds(10))));
	}

	private void assertRejected(String drillConfig, String message) {
		assertThatThrownBy(() -> load(drillConfig)).isInstanceOf(NightshiftException.class)
			.hasMessageContaining(message)
			.satisfies((ex) -> assertThat(((NightshiftException) ex).exitCode()).isEqualTo(ExitCodes.USAGE));
	}

}
