package io.nightshift.cli;

import java.time.Duration;

import io.nightshift.platform.launch.ExecutionControl;
import io.nightshift.platform.query.ExecutionQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nightshift stop ID}: stops a running execution at its next chunk boundary. */
@Command(name = "stop", description = { "Stop a running execution at its next chunk boundary (it stays restartable).",
		"Works on executions running in other processes and on other nodes." })
class StopCommand extends PlatformCommand {

	@Mixin
	ExecutionOptions options;

	@Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
			description = "How long to wait for it to stop. Default: ${DEFAULT-VALUE}.")
	long waitSeconds;

	@Override
	public Integer call() {
		return LaunchRendering.render(output(), bean(ExecutionQueries.class), bean(ExecutionControl.class)
			.stop(this.options.executionId, this.options.requester(), Duration.ofSeconds(this.waitSeconds)));
	}

}
