package io.nightshift.platform.stores;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Mongo health that works on real MongoDB and on the embedded Mongo-wire server: Boot's
 * own indicator sends {@code hello}, which the embedded server does not know, and reports
 * DOWN. {@code ping} and {@code buildInfo} are understood by both.
 */
@Component("mongoHealthIndicator")
class MongoHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	MongoHealthIndicator(MongoTemplate mongo) {
		super("MongoDB health check failed");
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document ping = this.mongo.executeCommand(new Document("ping", 1));
		Document build = this.mongo.executeCommand(new Document("buildInfo", 1));
		builder.up()
			.withDetail("database", this.mongo.getDb().getName())
			.withDetail("ping", ping.get("ok"))
			.withDetail("version", build.getString("version"));
	}

}
