package io.nightshift.cli;

import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.query.ExecutionQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code nightshift rerun JOB --date D --reason TEXT}: a new attempt of a completed
 * period.
 */
@Command(name = "rerun", description = { "Start a new attempt of a period whose latest attempt completed.",
		"The earlier attempts stay in the history; --date and --reason are required." })
class RerunCommand extends PlatformCommand {

	@Mixin
	LaunchOptions options;

	@Override
	public Integer call() {
		if (this.options.date == null) {
			throw io.nightshift.platform.NightshiftException.usage("--date: required for a rerun");
		}
		LaunchRequest request = new LaunchRequest(this.options.job, this.options.date, this.options.tenant,
				this.options.settings, this.options.requester());
		return LaunchRendering.render(output(), bean(ExecutionQueries.class), bean(LaunchService.class).rerun(request));
	}

}
