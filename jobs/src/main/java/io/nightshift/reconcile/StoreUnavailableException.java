package io.nightshift.reconcile;

import com.mongodb.MongoException;

/**
 * MongoDB failed under a running step (unreachable, timed out, connection lost). The
 * message says what the step was doing and that a restart resumes; the driver's exception
 * is kept as a suppressed one rather than as the cause, because the launch outcome quotes
 * the innermost cause and the driver's own text does not say what was interrupted.
 */
class StoreUnavailableException extends RuntimeException {

	private StoreUnavailableException(String message) {
		super(message);
	}

	static StoreUnavailableException mongo(String doing, MongoException cause) {
		StoreUnavailableException exception = new StoreUnavailableException("MongoDB failed while " + doing + ": "
				+ cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage())
				+ " (work committed so far is kept; a restart resumes after it)");
		exception.addSuppressed(cause);
		return exception;
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "(no message)";
		}
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > 240) ? line.substring(0, 240) + "..." : line;
	}

}
