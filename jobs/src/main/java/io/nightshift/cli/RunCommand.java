package io.nightshift.cli;

import java.time.Clock;
import java.time.LocalDate;

import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.launch.LaunchRequest;
import io.nightshift.platform.launch.LaunchService;
import io.nightshift.platform.query.ExecutionQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code nightshift run JOB}: runs (or resumes) one period of a job and waits for the
 * outcome.
 */
@Command(name = "run", description = { "Run one period of a job and wait for the outcome.",
		"A completed period is not run again (exit 3; see rerun); a failed one is resumed from its last commit." })
class RunCommand extends PlatformCommand {

	@Mixin
	LaunchOptions options;

	@Override
	public Integer call() {
		LocalDate date = (this.options.date != null) ? this.options.date : lastEndedPeriod(this.options.job);
		LaunchRequest request = new LaunchRequest(this.options.job, date, this.options.tenant, this.options.settings,
				this.options.requester());
		return LaunchRendering.render(output(), bean(ExecutionQueries.class), bean(LaunchService.class).run(request));
	}

	LocalDate lastEndedPeriod(String job) {
		return bean(JobCatalog.class).require(job).period().periodForFireDate(LocalDate.now(bean(Clock.class)));
	}

}
