package io.nightshift.platform.stores;

/**
 * A store this process started or attached to; {@link #close()} stops it only if this
 * process owns it.
 */
interface EmbeddedStore extends AutoCloseable {

	/** Connection URL, without credentials (the embedded stores have none). */
	String url();

	/**
	 * One phrase for the start-up line, e.g. "embedded PostgreSQL at var/pg (port
	 * 41234)".
	 */
	String description();

	@Override
	void close();

}
