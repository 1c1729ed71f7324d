package io.nightshift.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.nightshift.cli.Cli;
import io.nightshift.cli.ContextFactory;

import org.springframework.context.ConfigurableApplicationContext;

/** Runs nightshift commands in-process against a test's application context. */
public final class CliHarness {

	private final ConfigurableApplicationContext context;

	public CliHarness(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		ContextFactory existing = (web, properties) -> new ContextFactory.Handle() {

			@Override
			public ConfigurableApplicationContext context() {
				return CliHarness.this.context;
			}

			@Override
			public void close() {
				// the test owns the context
			}

		};
		int exitCode = new Cli(existing).execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
		return new Result(exitCode, out.toString(), err.toString());
	}

	/** What a command printed and returned. */
	public record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- stdout\n" + this.out + "\n--- stderr\n" + this.err;
		}

	}

}
