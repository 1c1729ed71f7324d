package io.nightshift.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.nightshift.ledger.ChainReport;
import io.nightshift.ledger.ExportVerifier;
import io.nightshift.ledger.LedgerVerification;
import io.nightshift.ledger.VerificationReport;
import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift ledger verify}: recomputes every hash and link of the ledger (or of
 * an export file, without a database); exit 6 naming the first broken entry of each
 * broken chain.
 */
@Command(name = "verify",
		description = { "Recompute every content hash, chain hash and link of the ledger; exit 6 naming the first",
				"broken entry (content changed, hash altered, link broken, entry missing). Redacted entries are",
				"checked by their hashes and reported as redacted, not broken.",
				"With --file, verify an export offline: no database is used or started." })
class LedgerVerifyCommand extends PlatformCommand {

	@Option(names = "--tenant", paramLabel = "T", description = "Only this tenant's chains (default: every tenant).")
	String tenant;

	@Option(names = "--file", paramLabel = "F", description = "Verify this export file instead of the database.")
	Path file;

	@Option(names = "--all", description = "List every chain in the table, not only broken ones.")
	boolean all;

	@Override
	boolean needsStores() {
		return this.file == null;
	}

	@Override
	public Integer call() {
		VerificationReport report;
		if (this.file != null) {
			if (this.tenant != null) {
				throw NightshiftException.usage("--tenant and --file exclude each other (an export holds one tenant)");
			}
			report = ExportVerifier.verify(this.file);
		}
		else {
			report = bean(LedgerVerification.class).verify(this.tenant);
		}
		print(output(), report, this.all || this.tenant != null || this.file != null);
		return report.intact() ? ExitCodes.COMPLETED : ExitCodes.CHECK_FAILED;
	}

	static void print(Output output, VerificationReport report, boolean everyChain) {
		if (output.json()) {
			output.json(report);
			return;
		}
		List<ChainReport> shown = everyChain ? report.chains() : report.broken();
		if (!shown.isEmpty()) {
			List<List<String>> rows = new ArrayList<>();
			for (ChainReport chain : shown) {
				rows.add(Arrays.asList(chain.tenant(), chain.kind(), Long.toString(chain.entries()),
						Long.toString(chain.redacted()), Long.toString(chain.omitted()), Long.toString(chain.headSeq()),
						chain.status(), (chain.problem() != null) ? chain.problem().code().name() : null,
						(chain.problem() != null) ? "seq " + chain.problem().seq() : null));
			}
			output.table(List.of("TENANT", "KIND", "ENTRIES", "REDACTED", "OMITTED", "HEAD", "STATUS", "PROBLEM",
					"FIRST BROKEN"), rows);
			output.line("");
		}
		for (ChainReport chain : report.broken()) {
			output.line("BROKEN " + chain.problem().entry() + ": " + chain.problem().code() + ": "
					+ chain.problem().message());
		}
		output.line(summary(report));
	}

	static String summary(VerificationReport report) {
		String scope = report.source() + ((report.tenant() != null) ? " (tenant " + report.tenant() + ")" : "");
		String counts = report.chains().size() + " chains, " + report.entries() + " entries (" + report.verified()
				+ " payloads checked, " + report.redacted() + " redacted, " + report.omitted() + " omitted)";
		return report.intact() ? "ledger intact: " + scope + ": " + counts : "ledger BROKEN: " + scope + ": "
				+ report.broken().size() + " of " + counts.replaceFirst(" chains", " chains broken");
	}

}
