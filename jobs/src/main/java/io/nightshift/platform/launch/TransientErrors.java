package io.nightshift.platform.launch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import io.nightshift.platform.NightshiftException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Tells failures worth retrying (the store was briefly unreachable, a transaction lost a
 * serialization or deadlock race) from permanent ones (bad data, constraint violations,
 * bugs), which fail at once.
 */
public final class TransientErrors {

	/** SQLSTATE classes and codes of PostgreSQL errors that a retry may get past. */
	private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03",
			"53300", "53400");

	/**
	 * Driver exception types, by name so that the check needs neither driver at compile
	 * time.
	 */
	private static final Set<String> TRANSIENT_TYPES = Set.of("com.mongodb.MongoSocketException",
			"com.mongodb.MongoSocketOpenException", "com.mongodb.MongoSocketReadException",
			"com.mongodb.MongoSocketReadTimeoutException", "com.mongodb.MongoSocketWriteException",
			"com.mongodb.MongoTimeoutException", "com.mongodb.MongoExecutionTimeoutException",
			"com.mongodb.MongoNotPrimaryException", "com.mongodb.MongoNodeIsRecoveringException",
			"org.postgresql.util.PSQLException$TimeoutException");

	private TransientErrors() {
	}

	/** Whether any cause in the chain is transient and none is known to be permanent. */
	public static boolean isTransient(Throwable failure) {
		boolean transientCause = false;
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (isPermanent(current)) {
				return false;
			}
			transientCause |= isTransientItself(current);
			if (current.getCause() == current) {
				break;
			}
		}
		return transientCause;
	}

	private static boolean isPermanent(Throwable failure) {
		return failure instanceof DataIntegrityViolationException || failure instanceof NightshiftException
				|| (failure instanceof SQLException sql && sql.getSQLState() != null
						&& sql.getSQLState().startsWith("23"));
	}

	private static boolean isTransientItself(Throwable failure) {
		if (failure instanceof TransientDataAccessException || failure instanceof RecoverableDataAccessException
				|| failure instanceof CannotGetJdbcConnectionException) {
			return true;
		}
		if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException) {
			return true;
		}
		if (failure instanceof SQLException sql && sql.getSQLState() != null) {
			String state = sql.getSQLState();
			return state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state);
		}
		if (failure instanceof ConnectException || failure instanceof SocketTimeoutException
				|| failure instanceof SocketException) {
			return true;
		}
		for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
			if (TRANSIENT_TYPES.contains(type.getName())) {
				return true;
			}
		}
		return failure instanceof IOException && String.valueOf(failure.getMessage()).contains("Connection reset");
	}

}
