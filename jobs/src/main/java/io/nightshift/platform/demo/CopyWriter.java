package io.nightshift.platform.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows into one table with PostgreSQL COPY (CSV): an order of magnitude faster
 * than batched inserts for the large demo set. A connection runs one COPY at a time, so a
 * deferred writer buffers its rows and copies them only when closed.
 */
final class CopyWriter implements AutoCloseable {

	private static final int FLUSH_AT = 1 << 20;

	private final Connection connection;

	private final String sql;

	private final boolean deferred;

	private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);

	private CopyIn copy;

	private long rows;

	private CopyWriter(Connection connection, String table, String columns, boolean deferred) {
		this.connection = connection;
		this.sql = "COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
		this.deferred = deferred;
	}

	/**
	 * Streams rows to the server as they come; no other COPY may run on the connection
	 * meanwhile.
	 */
	static CopyWriter streaming(Connection connection, String table, String columns) {
		return new CopyWriter(connection, table, columns, false);
	}

	/** Buffers rows in memory and copies them on {@link #close()}. */
	static CopyWriter deferred(Connection connection, String table, String columns) {
		return new CopyWriter(connection, table, columns, true);
	}

	CopyWriter row(Object... values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				this.buffer.append(',');
			}
			Object value = values[i];
			if (value == null) {
				continue;
			}
			if (value instanceof Number || value instanceof Boolean) {
				this.buffer.append(value);
			}
			else {
				this.buffer.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
			}
		}
		this.buffer.append('\n');
		this.rows++;
		if (!this.deferred && this.buffer.length() >= FLUSH_AT) {
			flush();
		}
		return this;
	}

	long rows() {
		return this.rows;
	}

	private void flush() throws SQLException {
		if (this.copy == null) {
			this.copy = this.connection.unwrap(PGConnection.class).getCopyAPI().copyIn(this.sql);
		}
		byte[] bytes = this.buffer.toString().getBytes(StandardCharsets.UTF_8);
		this.copy.writeToCopy(bytes, 0, bytes.length);
		this.buffer.setLength(0);
	}

	@Override
	public void close() throws SQLException {
		flush();
		this.copy.endCopy();
	}

}
