package io.nightshift.cli;

import io.nightshift.platform.launch.ExecutionControl;
import io.nightshift.platform.query.ExecutionQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nightshift recover ID}: marks an execution whose process died FAILED, so it can
 * be restarted.
 */
@Command(name = "recover",
		description = { "Mark an execution whose process died (left STARTED) FAILED so it can be restarted.",
				"Refused while its lease is live and its owner may still run, unless --force." })
class RecoverCommand extends PlatformCommand {

	@Mixin
	ExecutionOptions options;

	@Option(names = "--force", description = "Recover even though the lease looks live.")
	boolean force;

	@Override
	public Integer call() {
		return LaunchRendering.render(output(), bean(ExecutionQueries.class),
				bean(ExecutionControl.class).recover(this.options.executionId, this.options.requester(), this.force));
	}

}
