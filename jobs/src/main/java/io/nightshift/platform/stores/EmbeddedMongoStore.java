package io.nightshift.platform.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The Mongo-wire server of mongo-java-server with its H2 backend, listening on loopback
 * only: persistent in NIGHTSHIFT_HOME/mongo.mv, or ephemeral in a temp folder. Serves the
 * database {@value #DATABASE}.
 */
final class EmbeddedMongoStore implements EmbeddedStore {

	static final String DATABASE = "nightshift";

	private final MongoServer server;

	private final StoreOwnership ownership;

	private final int port;

	private final String where;

	private EmbeddedMongoStore(MongoServer server, StoreOwnership ownership, int port, String where) {
		this.server = server;
		this.ownership = ownership;
		this.port = port;
		this.where = where;
	}

	static EmbeddedMongoStore persistent(Path home) {
		Path file = home.resolve("mongo.mv");
		StoreOwnership ownership = new StoreOwnership(home, "mongo");
		if (!ownership.tryAcquire()) {
			StoreOwnership.Endpoint owner = ownership.awaitOwner(Duration.ofSeconds(60))
				.orElseThrow(() -> new IllegalStateException("embedded MongoDB store " + file
						+ " is locked by another process that did not publish its port within 60s"));
			return new EmbeddedMongoStore(null, null, owner.port(),
					file + " (shared with nightshift pid " + owner.pid() + ")");
		}
		try {
			MongoServer server = start(file);
			ownership.publish(server.getLocalAddress().getPort());
			return new EmbeddedMongoStore(server, ownership, server.getLocalAddress().getPort(), file.toString());
		}
		catch (RuntimeException ex) {
			ownership.close();
			throw ex;
		}
	}

	static EmbeddedMongoStore ephemeral() {
		try {
			Path folder = Files.createTempDirectory("nightshift-mongo");
			folder.toFile().deleteOnExit();
			Path file = folder.resolve("mongo.mv");
			file.toFile().deleteOnExit();
			MongoServer server = start(file);
			return new EmbeddedMongoStore(server, null, server.getLocalAddress().getPort(), "a temporary folder");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create a temporary folder for the embedded MongoDB store", ex);
		}
	}

	private static MongoServer start(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + file.getParent(), ex);
		}
		MongoServer server = new MongoServer(new H2Backend(file.toString()));
		server.bind(new InetSocketAddress("127.0.0.1", 0));
		return server;
	}

	@Override
	public String url() {
		return "mongodb://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	@Override
	public String description() {
		return "embedded MongoDB (mongo-java-server) at " + this.where + " (port " + this.port + ")";
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.shutdownNow();
		}
		if (this.ownership != null) {
			this.ownership.close();
		}
	}

}
