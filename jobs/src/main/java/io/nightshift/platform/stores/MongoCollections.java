package io.nightshift.platform.stores;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Creates the platform's Mongo collections and their indexes at start-up; creating an
 * index that exists is a no-op, so every start may run it. (Flyway owns the SQL side.)
 */
@Component
class MongoCollections implements SmartInitializingSingleton {

	private final MongoTemplate mongo;

	MongoCollections(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ensure("telemetry_events",
				new Index().on("tenantId", Sort.Direction.ASC).on("t", Sort.Direction.ASC).named("tenant_time"));
		ensure("telemetry_events", new Index().on("t", Sort.Direction.ASC).named("time"));
		ensure("quality_runs",
				new Index().on("tenantId", Sort.Direction.ASC)
					.on("generatedAt", Sort.Direction.ASC)
					.named("tenant_generated"));
		ensure("quality_runs", new Index().on("generatedAt", Sort.Direction.ASC).named("generated"));
		ensure("program_interest",
				new Index().on("tenantId", Sort.Direction.ASC)
					.on("programCode", Sort.Direction.ASC)
					.named("tenant_program"));
		ensure("program_overview", new Index().on("tenantId", Sort.Direction.ASC).named("tenant"));
	}

	private void ensure(String collection, Index index) {
		if (!this.mongo.collectionExists(collection)) {
			this.mongo.createCollection(collection);
		}
		this.mongo.indexOps(collection).createIndex(index);
	}

}
