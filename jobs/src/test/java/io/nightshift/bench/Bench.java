package io.nightshift.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import io.nightshift.NightshiftApplication;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.FileSystemUtils;

/**
 * {@code scripts/bench WORKLOAD}: runs a workload and its baseline in one process,
 * interleaved after a warm-up, several repetitions each; prints the median and min-max of
 * each side and their ratio, and appends them to docs/benchmarks.md with the date and the
 * machine.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println(
					"usage: scripts/bench WORKLOAD [--reps N] [--warmups N] [--size N] [--no-record] [key=value...]");
			System.err.println("workloads: " + String.join(", ", workloads().keySet()));
			System.exit(2);
		}
		Workload workload = workloads().get(args[0].toUpperCase(Locale.ROOT));
		if (workload == null) {
			System.err.println("unknown workload " + args[0] + "; known: " + String.join(", ", workloads().keySet()));
			System.exit(2);
		}
		BenchOptions options = options(args);
		Path home = Files.createTempDirectory("nightshift-bench");
		SpringApplication application = new SpringApplication(NightshiftApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// Persistent (fsync on) embedded stores in a throw-away folder: realistic
		// durability costs.
		// The test classes (and their test-only jobs) are on the class path: use their
		// job configs.
		ConfigurableApplicationContext context = application.run("--nightshift.home=" + home,
				"--nightshift.config-dir="
						+ System.getProperty("nightshift.config-dir", "jobs/target/test-job-configs"),
				"--nightshift.stores.embedded=persistent",
				"--spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
				"--logging.level.io.nightshift=WARN");
		try {
			run(workload, options, context);
		}
		finally {
			context.close();
			// A large workload leaves gigabytes of store files behind; keep them only
			// when
			// asked (-Dnightshift.bench.keep-home=true).
			if (!Boolean.getBoolean("nightshift.bench.keep-home")) {
				FileSystemUtils.deleteRecursively(home);
			}
		}
		System.exit(0);
	}

	static void run(Workload workload, BenchOptions options, ConfigurableApplicationContext context) throws Exception {
		System.out.println(workload.name() + ": " + workload.description());
		workload.setUp(context, options);
		try {
			for (int i = 0; i < options.warmups(); i++) {
				report("warm-up workload", workload.workload(), workload);
				report("warm-up baseline", workload.baseline(), workload);
			}
			List<Measurement> workloadRuns = new ArrayList<>();
			List<Measurement> baselineRuns = new ArrayList<>();
			for (int i = 0; i < options.repetitions(); i++) {
				// Interleaved so that drift in machine load affects both sides alike.
				Measurement measured = workload.workload();
				workloadRuns.add(measured);
				report("workload #" + (i + 1), measured, workload);
				Measurement base = workload.baseline();
				baselineRuns.add(base);
				report("baseline #" + (i + 1), base, workload);
			}
			String result = summary(workload, options, workloadRuns, baselineRuns);
			System.out.println();
			System.out.println(result);
			if (options.record()) {
				record(result);
			}
		}
		finally {
			workload.tearDown();
		}
	}

	private static void report(String label, Measurement measurement, Workload workload) {
		System.out.printf(Locale.ROOT, "  %-18s %10.3fs  %,14.0f %s/s  %s%n", label, measurement.seconds(),
				measurement.perSecond(), workload.unit(), measurement.extra().isEmpty() ? "" : measurement.extra());
	}

	static String summary(Workload workload, BenchOptions options, List<Measurement> workloadRuns,
			List<Measurement> baselineRuns) {
		StringBuilder out = new StringBuilder();
		out.append("### ").append(workload.name()).append(" — ").append(LocalDate.now()).append('\n');
		out.append('\n').append(workload.description()).append('\n');
		out.append('\n')
			.append("Machine: ")
			.append(machine())
			.append(". ")
			.append(options.repetitions())
			.append(" interleaved repetitions after ")
			.append(options.warmups())
			.append(" warm-up(s); ")
			.append(workloadRuns.get(0).units())
			.append(' ')
			.append(workload.unit())
			.append(" per repetition.\n\n");
		out.append("| side | median ")
			.append(workload.unit())
			.append("/s | min–max ")
			.append(workload.unit())
			.append("/s | median time |\n|---|---|---|---|\n");
		row(out, "workload", workloadRuns);
		row(out, "baseline", baselineRuns);
		double ratio = median(workloadRuns, Measurement::perSecond) / median(baselineRuns, Measurement::perSecond);
		out.append('\n')
			.append(String.format(Locale.ROOT, "Ratio (workload/baseline throughput, medians): **%.2fx**", ratio))
			.append('\n');
		Map<String, List<Double>> extras = new TreeMap<>();
		for (Measurement measurement : workloadRuns) {
			measurement.extra()
				.forEach((key, value) -> extras.computeIfAbsent(key, (k) -> new ArrayList<>()).add(value));
		}
		for (Measurement measurement : baselineRuns) {
			measurement.extra()
				.forEach(
						(key, value) -> extras.computeIfAbsent("baseline " + key, (k) -> new ArrayList<>()).add(value));
		}
		extras.forEach((key,
				values) -> out.append(String.format(Locale.ROOT, "%n- %s: median %.3f (min %.3f, max %.3f)", key,
						medianOf(values), values.stream().min(Comparator.naturalOrder()).orElse(0.0),
						values.stream().max(Comparator.naturalOrder()).orElse(0.0))));
		return out.append('\n').toString();
	}

	private static void row(StringBuilder out, String side, List<Measurement> runs) {
		double min = runs.stream().mapToDouble(Measurement::perSecond).min().orElse(0);
		double max = runs.stream().mapToDouble(Measurement::perSecond).max().orElse(0);
		out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f–%,.0f | %.3fs |%n", side,
				median(runs, Measurement::perSecond), min, max, median(runs, Measurement::seconds)));
	}

	static double median(List<Measurement> runs, ToDoubleFunction<Measurement> figure) {
		return medianOf(runs.stream().map(figure::applyAsDouble).toList());
	}

	static double medianOf(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Comparator.naturalOrder());
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static String machine() {
		int cores = Runtime.getRuntime().availableProcessors();
		long memoryGiB = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize() >> 30;
		String cpu = "unknown CPU";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(cpu);
		}
		catch (IOException ex) {
			// not Linux
		}
		return cores + " cores (" + cpu + "), " + memoryGiB + " GiB, Java " + System.getProperty("java.version")
				+ ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB";
	}

	private static void record(String result) throws IOException {
		Path file = Path.of(System.getProperty("nightshift.bench.results", "docs/benchmarks.md"));
		if (!Files.exists(file)) {
			Files.writeString(file, "# Benchmarks\n\n", StandardCharsets.UTF_8);
		}
		Files.writeString(file, "\n" + result, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		System.out.println("appended to " + file);
	}

	private static BenchOptions options(String[] args) {
		int repetitions = 5;
		int warmups = 1;
		long size = 0;
		boolean record = true;
		Map<String, String> parameters = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i++) {
			switch (args[i]) {
				case "--reps" -> repetitions = Integer.parseInt(args[++i]);
				case "--warmups" -> warmups = Integer.parseInt(args[++i]);
				case "--size" -> size = Long.parseLong(args[++i].replace("_", ""));
				case "--no-record" -> record = false;
				default -> {
					String[] pair = args[i].split("=", 2);
					if (pair.length != 2) {
						throw new IllegalArgumentException("unknown option " + args[i]);
					}
					parameters.put(pair[0], pair[1]);
				}
			}
		}
		return new BenchOptions(repetitions, warmups, size, parameters, record);
	}

	/**
	 * Every {@link Workload} class under io.nightshift: a new workload needs no
	 * registration.
	 */
	static Map<String, Workload> workloads() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(Workload.class));
		Map<String, Workload> workloads = new TreeMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("io.nightshift")) {
			try {
				var constructor = Class.forName(candidate.getBeanClassName()).getDeclaredConstructor();
				constructor.setAccessible(true);
				Workload workload = (Workload) constructor.newInstance();
				workloads.put(workload.name(), workload);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("cannot create workload " + candidate.getBeanClassName(), ex);
			}
		}
		return workloads;
	}

}
