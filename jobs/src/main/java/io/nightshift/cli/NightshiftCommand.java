package io.nightshift.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code nightshift}: the root command and its global options. */
@Command(name = "nightshift", mixinStandardHelpOptions = true, versionProvider = NightshiftCommand.Version.class,
		description = "Restartable nightly jobs for a PostgreSQL + MongoDB platform.",
		subcommands = { JobsCommand.class, RunCommand.class, RerunCommand.class, RestartCommand.class,
				StopCommand.class, AbandonCommand.class, RecoverCommand.class, StatusCommand.class, ShowCommand.class,
				SeedDemoCommand.class, DemoCommand.class, IngestCommand.class, GateCommand.class, PerfCommand.class,
				DriftCommand.class, LedgerCommand.class, ServeCommand.class, GapsCommand.class, BackfillCommand.class,
				TokenCommand.class },
		footerHeading = "%n",
		footer = { "Exit codes:", "  0  completed", "  1  failed (or stopped)",
				"  2  usage, configuration or input error (nothing was written)",
				"  3  already complete (nothing to do)", "  4  already running / lease held by another process",
				"  5  not found", "  6  check failed (gate, ledger verify, drift with fail-on-drift)", "",
				"Stores: SPRING_DATASOURCE_URL/USERNAME/PASSWORD and SPRING_MONGODB_URI; without them embedded",
				"PostgreSQL and MongoDB start under NIGHTSHIFT_HOME (default ./var)." })
public class NightshiftCommand implements Runnable {

	@Option(names = { "-o", "--output" }, scope = ScopeType.INHERIT, defaultValue = "table", paramLabel = "FORMAT",
			description = "table or json (JSON goes to stdout alone; logs go to stderr). Default: ${DEFAULT-VALUE}.")
	private String output;

	@Option(names = "--config-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
			description = "Job-config folder (default ./job-configs, else the copy in the jar).")
	private Path configDir;

	@Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
			description = "text (default) or json: one JSON object per log line, for log shippers.")
	private String logFormat;

	@Option(names = "--debug", scope = ScopeType.INHERIT, description = "Log debug detail and print stack traces.")
	private boolean debug;

	@picocli.CommandLine.Spec
	private picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

	Output.Format format() {
		return switch (this.output) {
			case "json" -> Output.Format.JSON;
			case "table" -> Output.Format.TABLE;
			default -> throw new picocli.CommandLine.ParameterException(this.spec.commandLine(),
					"-o " + this.output + ": expected table or json");
		};
	}

	boolean debug() {
		return this.debug;
	}

	/** Spring properties from the global options. */
	Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		if (this.configDir != null) {
			properties.put("nightshift.config-dir", this.configDir.toString());
		}
		if (this.logFormat != null) {
			switch (this.logFormat) {
				case "json" -> properties.put("logging.structured.format.console", "logstash");
				case "text" -> {
				}
				default -> throw new picocli.CommandLine.ParameterException(this.spec.commandLine(),
						"--log-format " + this.logFormat + ": expected text or json");
			}
		}
		if (this.debug) {
			properties.put("logging.level.io.nightshift", "DEBUG");
		}
		return properties;
	}

	/**
	 * The version recorded by the build (META-INF/build-info.properties), without
	 * starting Spring.
	 */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "nightshift " + version() };
		}

		static String version() {
			try (InputStream in = NightshiftCommand.class.getResourceAsStream("/META-INF/build-info.properties")) {
				if (in == null) {
					return "development";
				}
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("build.version", "development");
			}
			catch (IOException ex) {
				return "development";
			}
		}

	}

}
