package io.nightshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nightshift perf}: build-performance figures from perf-aggregate. */
@Command(name = "perf", description = "Build-performance figures from perf-aggregate.",
		subcommands = { PerfTrendsCommand.class })
class PerfCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

}
