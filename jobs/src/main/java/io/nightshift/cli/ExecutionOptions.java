package io.nightshift.cli;

import io.nightshift.platform.launch.Requester;
import io.nightshift.platform.launch.Trigger;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments of the commands that act on one execution. */
final class ExecutionOptions {

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "The execution (see `nightshift status`).")
	long executionId;

	@Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the audit trail.")
	String reason;

	@Option(names = "--actor", paramLabel = "NAME",
			description = "Name recorded as the requester (default: NIGHTSHIFT_ACTOR, else the OS user).")
	String actor;

	Requester requester() {
		return new Requester(Trigger.OPERATOR, RequesterOptions.actor(this.actor), this.reason);
	}

}
