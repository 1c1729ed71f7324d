package io.nightshift.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class of this build in a separate JVM, as an operator's shell or a second node
 * would: real process boundaries, real stdout and stderr, real exit codes, and a real
 * kill -9.
 */
public final class ChildJvm {

	private final Process process;

	private final Path stdout;

	private final Path stderr;

	private ChildJvm(Process process, Path stdout, Path stderr) {
		this.process = process;
		this.stdout = stdout;
		this.stderr = stderr;
	}

	/** Starts {@code mainClass} with the test class path, JVM options and environment. */
	public static ChildJvm start(String mainClass, List<String> jvmOptions, Map<String, String> environment,
			String... args) throws IOException {
		Path stdout = Files.createTempFile("child-", ".out");
		Path stderr = Files.createTempFile("child-", ".err");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("-Xmx512m");
		command.addAll(jvmOptions);
		command.add(mainClass);
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile());
		builder.environment().putAll(environment);
		return new ChildJvm(builder.start(), stdout, stderr);
	}

	/**
	 * Runs the nightshift command line in a child JVM against the given stores and waits.
	 */
	public static Result nightshift(String datasourceUrl, String mongoUri, List<String> jvmOptions,
			Map<String, String> environment, String... args) throws Exception {
		return startNightshift(datasourceUrl, mongoUri, jvmOptions, environment, args).await(Duration.ofMinutes(2));
	}

	/** Starts the nightshift command line in a child JVM against the given stores. */
	public static ChildJvm startNightshift(String datasourceUrl, String mongoUri, List<String> jvmOptions,
			Map<String, String> environment, String... args) throws IOException {
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-Dnightshift.config-dir=" + System.getProperty("nightshift.config-dir"));
		Map<String, String> env = new java.util.HashMap<>(environment);
		env.put("SPRING_DATASOURCE_URL", datasourceUrl);
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_MONGODB_URI", mongoUri);
		return start("io.nightshift.NightshiftApplication", options, env, args);
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Sends SIGTERM: the JVM runs its shutdown hooks, as on a service stop. */
	public void terminate() {
		this.process.destroy();
	}

	/** Sends SIGKILL: no shutdown hook runs, nothing is cleaned up. */
	public void kill9() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	public String stdout() throws IOException {
		return Files.readString(this.stdout, StandardCharsets.UTF_8);
	}

	public String stderr() throws IOException {
		return Files.readString(this.stderr, StandardCharsets.UTF_8);
	}

	/** Waits until stdout or stderr contains {@code text}. */
	public void awaitOutput(String text, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (stdout().contains(text) || stderr().contains(text)) {
				return;
			}
			if (!this.process.isAlive()) {
				throw new AssertionError("child exited with " + this.process.exitValue() + " before printing '" + text
						+ "'\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr());
			}
			Thread.sleep(100);
		}
		throw new AssertionError("child did not print '" + text + "' within " + timeout + "\n--- stderr\n" + stderr());
	}

	public Result await(Duration timeout) throws Exception {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			throw new AssertionError("child did not finish within " + timeout + "\n--- stderr\n" + stderr());
		}
		return new Result(this.process.exitValue(), stdout(), stderr());
	}

	/** What a child process printed and returned. */
	public record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- stdout\n" + this.out + "\n--- stderr\n" + this.err;
		}

	}

}
