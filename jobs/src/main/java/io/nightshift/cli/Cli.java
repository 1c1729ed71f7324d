package io.nightshift.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.nightshift.platform.ExitCodes;
import io.nightshift.platform.NightshiftException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command line: parses with picocli, then opens the Spring context only for commands
 * that need the stores, runs the command, and maps failures to the exit-code contract.
 */
public final class Cli {

	private final ContextFactory contexts;

	public Cli(ContextFactory contexts) {
		this.contexts = contexts;
	}

	/** Entry point of the packaged application; returns the process exit code. */
	public static int main(String[] args) {
		// Only command output goes to stdout. Everything else that prints there (the log
		// appender,
		// libraries) is sent to stderr, so `-o json` output can be piped as is.
		PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
				StandardCharsets.UTF_8);
		System.setOut(System.err);
		return new Cli(new SpringContextFactory()).execute(args, new PrintWriter(stdout, true),
				new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
	}

	public int execute(String[] args, PrintWriter out, PrintWriter err) {
		CommandLine commandLine = new CommandLine(new NightshiftCommand());
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExecutionStrategy(this::executeCommand);
		return commandLine.execute(args);
	}

	private int executeCommand(ParseResult parseResult) {
		CommandLine root = parseResult.commandSpec().commandLine();
		if (CommandLine.printHelpIfRequested(parseResult)) {
			return ExitCodes.COMPLETED;
		}
		ParseResult leaf = parseResult;
		while (leaf.hasSubcommand()) {
			leaf = leaf.subcommand();
		}
		NightshiftCommand options = (NightshiftCommand) parseResult.commandSpec().userObject();
		Object command = leaf.commandSpec().userObject();
		PrintWriter err = root.getErr();
		try {
			if (!(command instanceof PlatformCommand platformCommand)) {
				return new CommandLine.RunLast().execute(parseResult);
			}
			options.format();
			if (!platformCommand.needsStores()) {
				return platformCommand.call();
			}
			java.util.Map<String, String> properties = new java.util.LinkedHashMap<>(options.properties());
			properties.putAll(platformCommand.properties());
			try (ContextFactory.Handle handle = this.contexts.open(platformCommand.web(), properties)) {
				platformCommand.attach(handle.context());
				return platformCommand.call();
			}
		}
		catch (CommandLine.ParameterException ex) {
			err.println("error: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		catch (Exception ex) {
			return report(ex, err, options.debug());
		}
	}

	/**
	 * Prints what went wrong without a stack trace (unless --debug) and picks the exit
	 * code.
	 */
	static int report(Throwable failure, PrintWriter err, boolean debug) {
		NightshiftException known = find(failure, NightshiftException.class);
		if (known != null) {
			err.println("error: " + known.getMessage());
			if (debug) {
				failure.printStackTrace(err);
			}
			err.flush();
			return known.exitCode();
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		err.println("error: " + root.getClass().getSimpleName() + ": " + root.getMessage());
		if (debug) {
			failure.printStackTrace(err);
		}
		else {
			err.println("(run again with --debug for the stack trace)");
		}
		err.flush();
		return ExitCodes.FAILED;
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
