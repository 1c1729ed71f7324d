package io.nightshift.cli;

import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.query.ExecutionQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code nightshift restart ID}: resumes a failed or stopped execution from its last
 * commit.
 */
@Command(name = "restart", description = "Resume a failed or stopped execution from its last commit and wait.")
class RestartCommand extends PlatformCommand {

	@Mixin
	ExecutionOptions options;

	@Override
	public Integer call() {
		return LaunchRendering.render(output(), bean(ExecutionQueries.class),
				bean(LaunchService.class).restart(this.options.executionId, this.options.requester()));
	}

}
