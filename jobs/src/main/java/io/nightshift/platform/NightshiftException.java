package io.nightshift.platform;

/**
 * An expected failure with the exit code it maps to and a message an operator can act on
 * (naming the file, key or argument at fault). The command line prints the message
 * without a stack trace.
 */
public class NightshiftException extends RuntimeException {

	private final int exitCode;

	public NightshiftException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public NightshiftException(int exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return this.exitCode;
	}

	public static NightshiftException usage(String message) {
		return new NightshiftException(ExitCodes.USAGE, message);
	}

	public static NightshiftException notFound(String message) {
		return new NightshiftException(ExitCodes.NOT_FOUND, message);
	}

}
