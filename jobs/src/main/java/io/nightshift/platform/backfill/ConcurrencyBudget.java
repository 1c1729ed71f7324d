package io.nightshift.platform.backfill;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The concurrency budget every node shares: at most {@code total} runs at once, of which
 * {@code reserved-for-schedule} slots only scheduled (and operator) runs may take.
 * Backfill periods wait for a free unreserved slot; scheduled runs never wait, so a
 * backfill can neither starve nor block the night's schedule. Live run leases are the
 * slots in use.
 */
@Component
class ConcurrencyBudget {

	private final JdbcClient jdbc;

	private final int total;

	private final int reserved;

	ConcurrencyBudget(JdbcClient jdbc, @Value("${nightshift.concurrency.total:4}") int total,
			@Value("${nightshift.concurrency.reserved-for-schedule:1}") int reserved) {
		this.jdbc = jdbc;
		this.total = total;
		this.reserved = Math.min(reserved, total - 1);
	}

	/**
	 * Waits until fewer runs than the backfill share of the budget are live, or the
	 * timeout passes.
	 */
	boolean awaitBackfillSlot(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (liveRuns() >= this.total - this.reserved) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(500);
		}
		return true;
	}

	int liveRuns() {
		return this.jdbc.sql("SELECT count(*) FROM run_leases WHERE lease_until > now()").query(Integer.class).single();
	}

	int backfillShare() {
		return this.total - this.reserved;
	}

}
