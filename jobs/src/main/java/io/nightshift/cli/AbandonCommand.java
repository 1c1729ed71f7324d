package io.nightshift.cli;

import io.nightshift.platform.launch.ExecutionControl;
import io.nightshift.platform.query.ExecutionQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nightshift abandon ID}: gives up on a failed or stopped execution. */
@Command(name = "abandon",
		description = "Mark a failed or stopped execution ABANDONED: it will not be restarted (rerun starts afresh).")
class AbandonCommand extends PlatformCommand {

	@Mixin
	ExecutionOptions options;

	@Override
	public Integer call() {
		return LaunchRendering.render(output(), bean(ExecutionQueries.class),
				bean(ExecutionControl.class).abandon(this.options.executionId, this.options.requester()));
	}

}
