package io.nightshift.platform;

import java.time.Clock;

import io.nightshift.platform.batch.BatchInstrumentationConfiguration;
import io.nightshift.platform.json.CanonicalJson;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Beans the platform shares with every job family. */
@Configuration(proxyBeanMethods = false)
@Import(BatchInstrumentationConfiguration.class)
class PlatformConfiguration {

	/**
	 * The wall clock; only used to refuse periods that have not started, never for run
	 * identity.
	 */
	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	@Bean
	CanonicalJson canonicalJson(JsonMapper json) {
		return new CanonicalJson(json);
	}

}
