package io.nightshift.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nightshift.NightshiftApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a fresh Spring application per command; only {@code serve} gets a web server and
 * the scheduler.
 */
final class SpringContextFactory implements ContextFactory {

	private static final String SCHEDULER_AUTO_CONFIGURATION = "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration";

	@Override
	public Handle open(boolean web, Map<String, String> properties) {
		SpringApplication application = new SpringApplication(NightshiftApplication.class);
		application.setWebApplicationType(web ? WebApplicationType.SERVLET : WebApplicationType.NONE);
		List<String> arguments = new ArrayList<>();
		properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		// As an argument too: application.yml's spring.main.web-application-type would
		// otherwise win.
		arguments.add("--spring.main.web-application-type=" + (web ? "servlet" : "none"));
		if (!web) {
			arguments.add("--spring.autoconfigure.exclude=" + SCHEDULER_AUTO_CONFIGURATION);
		}
		ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
		return new Handle() {

			@Override
			public ConfigurableApplicationContext context() {
				return context;
			}

			@Override
			public void close() {
				context.close();
			}

		};
	}

}
