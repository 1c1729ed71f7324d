package io.nightshift.platform.stores;

import java.nio.file.Path;

/**
 * A process that owns the persistent embedded stores of a home folder until it is killed.
 */
public final class StoreOwnerProcess {

	private StoreOwnerProcess() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(args[0]);
		EmbeddedStore postgres = EmbeddedPostgresStore.persistent(home);
		EmbeddedStore mongo = EmbeddedMongoStore.persistent(home);
		System.out.println("ready " + postgres.url() + " " + mongo.url());
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
