package io.nightshift.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.demo.DemoScale;
import io.nightshift.platform.demo.DemoSeeder;
import io.nightshift.platform.demo.DemoSpec;
import io.nightshift.platform.demo.DemoSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift seed-demo}: a reproducible demo data set in every table and
 * collection.
 */
@Command(name = "seed-demo", description = { "Seed a realistic, reproducible demo data set (same --seed, same data).",
		"Refuses a database that holds data unless --replace (which wipes domain data, never job history)." })
class SeedDemoCommand extends PlatformCommand {

	@Option(names = "--scale", paramLabel = "small|medium|large", defaultValue = "small",
			description = "small (seconds), medium, or large (millions of rows). Default: ${DEFAULT-VALUE}.")
	String scale;

	@Option(names = "--tenants", paramLabel = "N", description = "Number of tenants (default: the scale's).")
	Integer tenants;

	@Option(names = "--days", paramLabel = "N", description = "Days of history (default: the scale's).")
	Integer days;

	@Option(names = "--seed", paramLabel = "S", defaultValue = "42",
			description = "Random seed. Default: ${DEFAULT-VALUE}.")
	long seed;

	@Option(names = "--end-date", paramLabel = "D", converter = Converters.IsoDate.class,
			description = "Last day with data. Default: yesterday.")
	LocalDate endDate;

	@Option(names = "--replace", description = "Wipe the domain tables and collections first.")
	boolean replace;

	@Override
	public Integer call() {
		DemoSpec spec = spec(this.scale, this.tenants, this.days, this.seed, this.endDate,
				LocalDate.now(bean(Clock.class)));
		DemoSummary summary = bean(DemoSeeder.class).seed(spec, this.replace);
		print(output(), summary);
		return 0;
	}

	static DemoSpec spec(String scale, Integer tenants, Integer days, long seed, LocalDate endDate, LocalDate today) {
		DemoScale size;
		try {
			size = DemoScale.valueOf(scale.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw NightshiftException.usage("--scale " + scale + ": expected small, medium or large");
		}
		return new DemoSpec(size, (tenants != null) ? tenants : size.defaultTenants(),
				(days != null) ? days : size.defaultDays(), seed, (endDate != null) ? endDate : today.minusDays(1));
	}

	static void print(Output output, DemoSummary summary) {
		if (output.json()) {
			output.json(summary);
			return;
		}
		output.line("seeded " + summary.tenants().size() + " tenants with data from " + summary.from() + " to "
				+ summary.to() + " in " + Output.duration(summary.millis()));
		List<List<String>> rows = new ArrayList<>();
		for (Map.Entry<String, Long> entry : summary.rows().entrySet()) {
			rows.add(List.of("postgres", entry.getKey(), Long.toString(entry.getValue())));
		}
		for (Map.Entry<String, Long> entry : summary.documents().entrySet()) {
			rows.add(List.of("mongo", entry.getKey(), Long.toString(entry.getValue())));
		}
		output.table(List.of("STORE", "TABLE", "ROWS"), rows);
	}

}
