package io.nightshift.platform.stores;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The embedded stores of this JVM. Several application contexts in one JVM (tests, a
 * command that opens a second context) share one server per store; a persistent store
 * stops when the last context using it closes, an ephemeral one when the JVM exits.
 */
final class EmbeddedStores {

	private static final Map<String, Shared> open = new HashMap<>();

	private EmbeddedStores() {
	}

	static EmbeddedStore postgres(StoreMode mode, Path home) {
		return acquire("postgres:" + mode + ":" + home.toAbsolutePath().normalize(), mode,
				() -> (mode == StoreMode.EPHEMERAL) ? EmbeddedPostgresStore.ephemeral()
						: EmbeddedPostgresStore.persistent(home));
	}

	static EmbeddedStore mongo(StoreMode mode, Path home) {
		return acquire("mongo:" + mode + ":" + home.toAbsolutePath().normalize(), mode,
				() -> (mode == StoreMode.EPHEMERAL) ? EmbeddedMongoStore.ephemeral()
						: EmbeddedMongoStore.persistent(home));
	}

	private static synchronized EmbeddedStore acquire(String key, StoreMode mode, Supplier<EmbeddedStore> starter) {
		Shared shared = open.get(key);
		if (shared == null) {
			EmbeddedStore store = starter.get();
			shared = new Shared(key, store, mode);
			open.put(key, shared);
			if (mode == StoreMode.EPHEMERAL) {
				Runtime.getRuntime().addShutdownHook(new Thread(store::close, "nightshift-store-shutdown"));
			}
		}
		shared.users++;
		return shared.handle;
	}

	private static synchronized void release(Shared shared) {
		shared.users--;
		if (shared.users == 0 && shared.mode == StoreMode.PERSISTENT) {
			open.remove(shared.key);
			shared.store.close();
		}
	}

	enum StoreMode {

		PERSISTENT, EPHEMERAL

	}

	private static final class Shared {

		private final String key;

		private final EmbeddedStore store;

		private final StoreMode mode;

		private final EmbeddedStore handle;

		private int users;

		Shared(String key, EmbeddedStore store, StoreMode mode) {
			this.key = key;
			this.store = store;
			this.mode = mode;
			this.handle = new EmbeddedStore() {

				@Override
				public String url() {
					return store.url();
				}

				@Override
				public String description() {
					return store.description();
				}

				@Override
				public void close() {
					release(Shared.this);
				}

			};
		}

	}

}
