package io.nightshift.cli;

import java.util.List;

import io.nightshift.platform.schedule.ServeRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift serve}: the scheduler, the reaper, and the HTTP side, until SIGTERM.
 */
@Command(name = "serve", description = { "Run the clustered scheduler (triggers from the job configs), the stale-run",
		"reaper and the web dashboard/API until stopped; SIGTERM stops running executions cleanly." })
class ServeCommand extends PlatformCommand {

	@Option(names = "--port", paramLabel = "N", defaultValue = "8080",
			description = "HTTP port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
	int port;

	@Override
	boolean web() {
		return true;
	}

	@Override
	java.util.Map<String, String> properties() {
		return java.util.Map.of("server.port", Integer.toString(this.port));
	}

	@Override
	public Integer call() throws Exception {
		ServeRuntime runtime = bean(ServeRuntime.class);
		List<String> scheduled = runtime.start();
		String port = bean(org.springframework.core.env.Environment.class).getProperty("local.server.port", "?");
		output().line("serving on port " + port + " as scheduler instance " + runtime.instanceId() + "; scheduled: "
				+ (scheduled.isEmpty() ? "none" : String.join(", ", scheduled)) + " (SIGTERM to stop)");
		runtime.awaitShutdown();
		return 0;
	}

}
