package io.nightshift.cli;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/** Opens the Spring context a command runs in. */
public interface ContextFactory {

	/**
	 * @param web whether the command serves HTTP ({@code serve})
	 * @param properties settings from global options (e.g. {@code nightshift.config-dir})
	 * @return the context; closing the handle closes it if the factory created it
	 */
	Handle open(boolean web, Map<String, String> properties);

	/** An open context. */
	interface Handle extends AutoCloseable {

		ConfigurableApplicationContext context();

		@Override
		void close();

	}

}
