package io.nightshift.platform.stores;

import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@NightshiftTest
class MongoHealthIndicatorTests {

	@Autowired
	MongoHealthIndicator indicator;

	@Autowired
	MongoTemplate mongo;

	@Test
	void theEmbeddedServerIsReportedUp() {
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("database", "nightshift").containsKey("version");
	}

	@Test
	void anUnreachableServerIsReportedDown() {
		var client = com.mongodb.client.MongoClients.create(com.mongodb.MongoClientSettings.builder()
			.applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:1/nightshift"))
			.applyToClusterSettings(
					(cluster) -> cluster.serverSelectionTimeout(500, java.util.concurrent.TimeUnit.MILLISECONDS))
			.build());
		try {
			Health health = new MongoHealthIndicator(new MongoTemplate(client, "nightshift")).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		}
		finally {
			client.close();
		}
	}

}
