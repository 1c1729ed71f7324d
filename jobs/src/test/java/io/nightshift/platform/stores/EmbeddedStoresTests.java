package io.nightshift.platform.stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.nightshift.testsupport.ChildJvm;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedStoresTests {

	@TempDir
	Path home;

	@Test
	void persistentStoresKeepTheirDataAcrossRestarts() throws Exception {
		try (EmbeddedStore postgres = EmbeddedPostgresStore.persistent(this.home);
				EmbeddedStore mongo = EmbeddedMongoStore.persistent(this.home)) {
			execute(postgres.url(), "CREATE TABLE kept (v INT)", "INSERT INTO kept VALUES (42)");
			try (MongoClient client = MongoClients.create(mongo.url())) {
				client.getDatabase("nightshift").getCollection("kept").insertOne(new Document("v", 42));
			}
			assertThat(postgres.description()).contains("embedded PostgreSQL at " + this.home.resolve("pg"));
		}

		try (EmbeddedStore postgres = EmbeddedPostgresStore.persistent(this.home);
				EmbeddedStore mongo = EmbeddedMongoStore.persistent(this.home)) {
			assertThat(queryInt(postgres.url(), "SELECT v FROM kept")).isEqualTo(42);
			try (MongoClient client = MongoClients.create(mongo.url())) {
				assertThat(client.getDatabase("nightshift").getCollection("kept").find().first()).containsEntry("v",
						42);
			}
		}
		assertThat(Files.exists(this.home.resolve("pg.endpoint"))).as("the owner withdraws its endpoint").isFalse();
	}

	@Test
	void aSecondProcessAttachesToTheOwnerAndANewOwnerRecoversFromKillNine() throws Exception {
		ChildJvm owner = ChildJvm.start(StoreOwnerProcess.class.getName(), List.of(), Map.of(), this.home.toString());
		try {
			owner.awaitOutput("ready", Duration.ofMinutes(2));

			try (EmbeddedStore postgres = EmbeddedPostgresStore.persistent(this.home);
					EmbeddedStore mongo = EmbeddedMongoStore.persistent(this.home)) {
				assertThat(postgres.description()).contains("shared with nightshift pid " + owner.pid());
				assertThat(owner.stdout()).contains(postgres.url()).contains(mongo.url());
				execute(postgres.url(), "CREATE TABLE survived (v INT)", "INSERT INTO survived VALUES (7)");
			}
			assertThat(owner.isAlive()).as("closing an attached store leaves the owner's servers alone").isTrue();

			owner.kill9();

			try (EmbeddedStore postgres = EmbeddedPostgresStore.persistent(this.home)) {
				assertThat(postgres.description()).doesNotContain("shared with");
				assertThat(queryInt(postgres.url(), "SELECT v FROM survived")).isEqualTo(7);
			}
		}
		finally {
			if (owner.isAlive()) {
				owner.kill9();
			}
		}
	}

	private static void execute(String url, String... statements) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				var statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static int queryInt(String url, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				var rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
