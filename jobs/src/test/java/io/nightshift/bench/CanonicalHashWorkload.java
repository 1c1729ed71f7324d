package io.nightshift.bench;

import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import io.nightshift.ledger.LedgerBench;
import io.nightshift.platform.json.CanonicalJson;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * W2: the ledger's canonical hashing. 1M snapshot items (enrollment rows, stream heads,
 * quality-run and perf-aggregate entries, program summaries, programs with KPI JSON),
 * each canonicalized per RFC 8785 and hashed with SHA-256, against plain Jackson
 * serialization plus SHA-256 of the same objects with the application's JsonMapper.
 */
class CanonicalHashWorkload implements Workload {

	private List<Object> items;

	private CanonicalJson canonical;

	private JsonMapper json;

	private MessageDigest sha256;

	/** Keeps the digests observable, so that the JIT cannot drop them. */
	private int sink;

	@Override
	public String name() {
		return "W2";
	}

	@Override
	public String description() {
		return "RFC 8785 canonicalization + SHA-256 of snapshot items (CanonicalJson) vs plain Jackson"
				+ " serialization + SHA-256 of the same objects";
	}

	@Override
	public void setUp(ConfigurableApplicationContext context, BenchOptions options) throws Exception {
		this.items = LedgerBench.items((int) options.size(1_000_000), 42);
		this.canonical = context.getBean(CanonicalJson.class);
		this.json = context.getBean(JsonMapper.class);
		this.sha256 = MessageDigest.getInstance("SHA-256");
	}

	@Override
	public Measurement workload() {
		long bytes = 0;
		int fold = 0;
		long started = System.nanoTime();
		for (Object item : this.items) {
			byte[] canonicalBytes = this.canonical.canonicalBytes(item);
			bytes += canonicalBytes.length;
			fold ^= this.sha256.digest(canonicalBytes)[0];
		}
		long elapsed = System.nanoTime() - started;
		this.sink ^= fold;
		return new Measurement(elapsed, this.items.size(),
				Map.of("mean bytes per item", bytes / (double) this.items.size()));
	}

	@Override
	public Measurement baseline() {
		long bytes = 0;
		int fold = 0;
		long started = System.nanoTime();
		for (Object item : this.items) {
			byte[] serialized = this.json.writeValueAsBytes(item);
			bytes += serialized.length;
			fold ^= this.sha256.digest(serialized)[0];
		}
		long elapsed = System.nanoTime() - started;
		this.sink ^= fold;
		return new Measurement(elapsed, this.items.size(),
				Map.of("mean bytes per item", bytes / (double) this.items.size()));
	}

}
