package io.nightshift.platform.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the zonky binaries: persistent under NIGHTSHIFT_HOME/pg, or ephemeral
 * in a temp folder. Serves the database {@value #DATABASE}.
 */
final class EmbeddedPostgresStore implements EmbeddedStore {

	static final String DATABASE = "nightshift";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresStore.class);

	private final EmbeddedPostgres server;

	private final StoreOwnership ownership;

	private final int port;

	private final String where;

	private EmbeddedPostgresStore(EmbeddedPostgres server, StoreOwnership ownership, int port, String where) {
		this.server = server;
		this.ownership = ownership;
		this.port = port;
		this.where = where;
	}

	static EmbeddedPostgresStore persistent(Path home) {
		Path dataDirectory = home.resolve("pg");
		StoreOwnership ownership = new StoreOwnership(home, "pg");
		if (!ownership.tryAcquire()) {
			StoreOwnership.Endpoint owner = ownership.awaitOwner(Duration.ofSeconds(60))
				.orElseThrow(() -> new IllegalStateException("embedded PostgreSQL under " + dataDirectory
						+ " is locked by another process that did not publish its port within 60s"));
			return new EmbeddedPostgresStore(null, null, owner.port(),
					dataDirectory + " (shared with nightshift pid " + owner.pid() + ")");
		}
		try {
			stopOrphanedPostmaster(dataDirectory);
			EmbeddedPostgres server = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setPGStartupWait(Duration.ofSeconds(60))
				.start();
			createDatabase(server.getPort());
			ownership.publish(server.getPort());
			return new EmbeddedPostgresStore(server, ownership, server.getPort(), dataDirectory.toString());
		}
		catch (IOException ex) {
			ownership.close();
			throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, ex);
		}
		catch (RuntimeException ex) {
			ownership.close();
			throw ex;
		}
	}

	static EmbeddedPostgresStore ephemeral() {
		try {
			// Durability is pointless in a throw-away cluster; these settings make tests
			// much faster.
			EmbeddedPostgres server = EmbeddedPostgres.builder()
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.setServerConfig("max_connections", "200")
				.setPGStartupWait(Duration.ofSeconds(60))
				.start();
			createDatabase(server.getPort());
			return new EmbeddedPostgresStore(server, null, server.getPort(), "a temporary folder");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start ephemeral embedded PostgreSQL", ex);
		}
	}

	/**
	 * A previous owner killed with -9 leaves its postmaster running; nobody else can hold
	 * the ownership lock at this point, so the postmaster is an orphan and is shut down
	 * before reuse.
	 */
	private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		if (lines.isEmpty()) {
			return;
		}
		Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
			.filter(ProcessHandle::isAlive)
			.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
		if (postmaster.isEmpty()) {
			return;
		}
		log.warn("stopping orphaned embedded PostgreSQL (pid {}) left by a previous nightshift process",
				postmaster.get().pid());
		postmaster.get().destroy();
		try {
			postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			postmaster.get().destroyForcibly();
		}
	}

	private static void createDatabase(int port) {
		String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, DATABASE);
			try (var rows = exists.executeQuery()) {
				if (!rows.next()) {
					try (var create = connection.createStatement()) {
						create.execute("CREATE DATABASE " + DATABASE);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create database " + DATABASE + " in embedded PostgreSQL", ex);
		}
	}

	@Override
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	@Override
	public String description() {
		return "embedded PostgreSQL at " + this.where + " (port " + this.port + ")";
	}

	@Override
	public void close() {
		if (this.server != null) {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				log.warn("embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
			}
		}
		if (this.ownership != null) {
			this.ownership.close();
		}
	}

}
