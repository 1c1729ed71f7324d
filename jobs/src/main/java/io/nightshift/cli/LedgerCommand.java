package io.nightshift.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nightshift ledger}: the evidence ledger's verbs. */
@Command(name = "ledger", description = "Verify, export and list the evidence ledger (docs/jobs/snapshot.md).",
		subcommands = { LedgerVerifyCommand.class, LedgerExportCommand.class, LedgerHistoryCommand.class })
class LedgerCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

}
