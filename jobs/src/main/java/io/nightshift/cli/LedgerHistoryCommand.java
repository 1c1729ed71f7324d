package io.nightshift.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.nightshift.ledger.LedgerHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift ledger history}: a tenant's entries, page by page, in a stable order.
 */
@Command(name = "history",
		description = "A tenant's ledger entries, ordered by kind, period and revision, page by page.")
class LedgerHistoryCommand extends PlatformCommand {

	@Option(names = "--tenant", paramLabel = "T", required = true, description = "The tenant.")
	String tenant;

	@Option(names = "--kind", paramLabel = "daily|weekly", description = "Only this kind (default: both).")
	String kind;

	@Option(names = "--page", paramLabel = "N", defaultValue = "1",
			description = "Page, from 1. Default: ${DEFAULT-VALUE}.")
	int page;

	@Option(names = "--page-size", paramLabel = "N", defaultValue = "50",
			description = "Entries per page (1 to 1000). Default: ${DEFAULT-VALUE}.")
	int pageSize;

	@Override
	public Integer call() {
		LedgerHistory.Page page = bean(LedgerHistory.class).page(this.tenant, this.kind, this.page, this.pageSize);
		Output output = output();
		if (output.json()) {
			output.json(page);
			return 0;
		}
		List<List<String>> rows = new ArrayList<>();
		for (LedgerHistory.Entry entry : page.entries()) {
			rows.add(Arrays.asList(entry.kind(), entry.period().toString(), Integer.toString(entry.revision()),
					Long.toString(entry.seq()), entry.coverage(),
					entry.reasonCodes().isEmpty() ? null : entry.reasonCodes(), entry.state(),
					Output.time(entry.capturedAt()), entry.contentHash()));
		}
		output.table(
				List.of("KIND", "PERIOD", "REV", "SEQ", "COVERAGE", "REASONS", "STATE", "CAPTURED", "CONTENT HASH"),
				rows);
		output.line(
				"tenant " + page.tenant() + ((page.kind() != null) ? ", " + page.kind() : "") + ": page " + page.page()
						+ " of " + Math.max(1, page.pages()) + " (" + page.total() + " entries, " + page.pageSize()
						+ " per page)" + ((page.page() < page.pages()) ? "; next: --page " + (page.page() + 1) : ""));
		return 0;
	}

}
