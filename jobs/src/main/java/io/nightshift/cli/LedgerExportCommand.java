package io.nightshift.cli;

import java.nio.file.Path;
import java.time.LocalDate;

import io.nightshift.ledger.ExportSummary;
import io.nightshift.ledger.LedgerExport;
import io.nightshift.platform.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift ledger export}: a tenant's chains with the canonical payloads of a
 * range of periods, in a file an auditor verifies offline.
 */
@Command(name = "export",
		description = { "Write a tenant's ledger chains to a file an auditor can verify offline: every entry's hashes",
				"and links from the first entry to the head, the canonical payloads of the periods in",
				"--from..--to, and the algorithm. Verify it with: nightshift ledger verify --file F" })
class LedgerExportCommand extends PlatformCommand {

	@Option(names = "--tenant", paramLabel = "T", required = true, description = "The tenant.")
	String tenant;

	@Option(names = "--from", paramLabel = "D", converter = Converters.IsoDate.class,
			description = "First day whose period's payload is included (default: the first).")
	LocalDate from;

	@Option(names = "--to", paramLabel = "D", converter = Converters.IsoDate.class,
			description = "Last day whose period's payload is included (default: the last).")
	LocalDate to;

	@Option(names = "--out", paramLabel = "F", required = true, description = "The file to write.")
	Path out;

	@Option(names = "--force", description = "Replace the file if it exists.")
	boolean force;

	@Override
	public Integer call() {
		ExportSummary summary = bean(LedgerExport.class).export(this.tenant, this.from, this.to, this.out, this.force);
		Output output = output();
		if (output.json()) {
			output.json(summary);
		}
		else {
			output.line("exported " + summary.entries() + " entries of tenant " + summary.tenant() + " to "
					+ summary.file() + " (" + summary.payloads() + " with payload, " + summary.redacted()
					+ " redacted, " + summary.omitted() + " outside the range)");
			if (!summary.verification().intact()) {
				LedgerVerifyCommand.print(output, summary.verification(), false);
			}
			else {
				output.line(LedgerVerifyCommand.summary(summary.verification()));
			}
		}
		return summary.verification().intact() ? ExitCodes.COMPLETED : ExitCodes.CHECK_FAILED;
	}

}
