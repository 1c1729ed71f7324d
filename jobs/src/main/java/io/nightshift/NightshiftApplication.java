package io.nightshift;

import io.nightshift.cli.Cli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The nightshift application. {@link #main} hands the arguments to the command line,
 * which starts the Spring context only for the commands that need the stores.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NightshiftApplication {

	public static void main(String[] args) {
		System.exit(Cli.main(args));
	}

}
