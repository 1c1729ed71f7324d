package io.nightshift.platform.stores;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.nightshift.platform.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Points the application at embedded stores when no real ones are configured: without
 * {@code spring.datasource.url} it starts (or attaches to) embedded PostgreSQL, without
 * {@code spring.mongodb.uri} the embedded Mongo-wire server. Runs before the context
 * refreshes so that Flyway, Batch, Quartz and the Mongo client see ordinary Spring
 * properties. Logs one line saying which stores are in use.
 */
public class EmbeddedStoresInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedStoresInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		EmbeddedStores.StoreMode mode = EmbeddedStores.StoreMode
			.valueOf(environment.getProperty("nightshift.stores.embedded", "persistent").toUpperCase(Locale.ROOT));
		Path home = Path.of(environment.getProperty("nightshift.home", "var"));
		Map<String, Object> properties = new HashMap<>();
		List<EmbeddedStore> started = new ArrayList<>();
		List<String> inUse = new ArrayList<>();

		String datasourceUrl = environment.getProperty("spring.datasource.url");
		if (StringUtils.hasText(datasourceUrl)) {
			inUse.add("PostgreSQL at " + Redaction.url(datasourceUrl));
		}
		else {
			EmbeddedStore postgres = EmbeddedStores.postgres(mode, home);
			started.add(postgres);
			properties.put("spring.datasource.url", postgres.url());
			properties.put("spring.datasource.username", "postgres");
			properties.put("spring.datasource.password", "");
			inUse.add(postgres.description());
		}

		String mongoUri = environment.getProperty("spring.mongodb.uri");
		if (StringUtils.hasText(mongoUri)) {
			inUse.add("MongoDB at " + Redaction.url(mongoUri));
		}
		else {
			EmbeddedStore mongo = EmbeddedStores.mongo(mode, home);
			started.add(mongo);
			properties.put("spring.mongodb.uri", mongo.url());
			inUse.add(mongo.description());
		}

		environment.getPropertySources().addFirst(new MapPropertySource("nightshiftEmbeddedStores", properties));
		if (!started.isEmpty()) {
			// Registered before any bean, so destroyed after all of them: the pools and
			// clients
			// close before the servers they talk to.
			DisposableBean stopStores = () -> started.forEach(EmbeddedStore::close);
			((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("nightshiftEmbeddedStores",
					stopStores);
		}
		log.info("using {}", String.join("; ", inUse));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

}
