package io.nightshift.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.nightshift.ingest.IngestResult;
import io.nightshift.ingest.QualityRunIngest;
import io.nightshift.ingest.Rejection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nightshift ingest PATH...}: quality-report files into build_metrics and
 * quality_runs.
 */
@Command(name = "ingest", description = { "Ingest quality-report JSON files (docs/schemas/quality-report.schema.json).",
		"A folder stands for the *.json files directly in it; no PATH means the inbox. Every file is validated first:",
		"a rejected file is listed with the JSON pointer of its first problem and nothing of it is written, the others",
		"are still ingested. Idempotent by runId. Exit 2 when a file was rejected, 3 when nothing was new." })
class IngestCommand extends PlatformCommand {

	@Parameters(arity = "0..*", paramLabel = "PATH", description = "Quality-report files or folders.")
	List<Path> paths = new ArrayList<>();

	@Mixin
	RequesterOptions who = new RequesterOptions();

	@Override
	public Integer call() {
		IngestResult result = bean(QualityRunIngest.class).ingest(this.paths, this.who.requester());
		Output output = output();
		if (output.json()) {
			output.json(result);
			return result.exitCode();
		}
		output.line(result.message());
		if (!result.rejected().isEmpty()) {
			output.line("");
			output.line("Rejected (nothing of these files was written):");
			for (Rejection rejection : result.rejected()) {
				output.line("  " + rejection.describe());
			}
		}
		List<List<String>> late = new ArrayList<>();
		for (IngestResult.TouchedDay day : result.days()) {
			if (day.aggregated()) {
				late.add(List.of(day.tenant(), day.day().toString(), Long.toString(day.tasks()), day.rerun()));
			}
		}
		if (!late.isEmpty()) {
			output.line("");
			output.line("Late data for days perf-aggregate has already published; rerun them to count it:");
			output.table(List.of("TENANT", "DAY", "NEW TASKS", "RERUN"), late);
		}
		return result.exitCode();
	}

}
