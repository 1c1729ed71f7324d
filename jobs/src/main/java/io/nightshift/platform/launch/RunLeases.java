package io.nightshift.platform.launch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.nightshift.platform.NightshiftProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cross-process leases in PostgreSQL, one per (job, period, tenant). A run holds its
 * lease while it executes and renews it by heartbeat; a lease not renewed within its
 * time-to-live expires and may be taken over. Each acquisition increments the lease's
 * epoch, so a holder that lost its lease can tell (fencing).
 */
@Component
public class RunLeases implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RunLeases.class);

	private final JdbcClient jdbc;

	private final RunEnvironment environment;

	private final NightshiftProperties.Lease settings;

	private final Map<Key, Lease> held = new ConcurrentHashMap<>();

	private final ScheduledExecutorService heartbeat;

	RunLeases(JdbcClient jdbc, RunEnvironment environment, NightshiftProperties properties) {
		this.jdbc = jdbc;
		this.environment = environment;
		this.settings = properties.lease();
		this.heartbeat = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "nightshift-lease-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.settings.heartbeat().toMillis();
		this.heartbeat.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Takes the lease if nobody holds a live one; the lease is renewed until released.
	 */
	public Optional<Lease> tryAcquire(String job, LocalDate period, String tenant) {
		Key key = new Key(job, period, tenant);
		Optional<Long> epoch = this.jdbc
			.sql("""
					INSERT INTO run_leases (job_name, period, tenant, owner_host, owner_pid, epoch, acquired_at, renewed_at, lease_until)
					VALUES (:job, :period, :tenant, :host, :pid, 1, now(), now(), now() + make_interval(secs => :ttl))
					ON CONFLICT (job_name, period, tenant) DO UPDATE
					   SET owner_host = excluded.owner_host, owner_pid = excluded.owner_pid, epoch = run_leases.epoch + 1,
					       execution_id = NULL, acquired_at = now(), renewed_at = now(), lease_until = excluded.lease_until
					 WHERE run_leases.lease_until < now()
					RETURNING epoch
					""")
			.param("job", job)
			.param("period", period)
			.param("tenant", tenant)
			.param("host", this.environment.host())
			.param("pid", this.environment.pid())
			.param("ttl", this.settings.ttl().toMillis() / 1000.0)
			.query(Long.class)
			.optional();
		return epoch.map((value) -> {
			Lease lease = new Lease(key, value);
			this.held.put(key, lease);
			return lease;
		});
	}

	/** Who holds the lease now, if it is live. */
	public Optional<Holder> holder(String job, LocalDate period, String tenant) {
		return this.jdbc.sql("""
				SELECT owner_host, owner_pid, execution_id, epoch, renewed_at, lease_until FROM run_leases
				 WHERE job_name = :job AND period = :period AND tenant = :tenant AND lease_until >= now()
				""")
			.param("job", job)
			.param("period", period)
			.param("tenant", tenant)
			.query((rs, row) -> new Holder(rs.getString("owner_host"), rs.getLong("owner_pid"),
					(Long) rs.getObject("execution_id"), rs.getLong("epoch"), rs.getTimestamp("renewed_at").toInstant(),
					rs.getTimestamp("lease_until").toInstant()))
			.optional();
	}

	/** Records which execution runs under the lease of that epoch. */
	public void attach(String job, LocalDate period, String tenant, long epoch, long executionId) {
		this.jdbc.sql("""
				UPDATE run_leases SET execution_id = :execution
				 WHERE job_name = :job AND period = :period AND tenant = :tenant AND epoch = :epoch
				""")
			.param("execution", executionId)
			.param("job", job)
			.param("period", period)
			.param("tenant", tenant)
			.param("epoch", epoch)
			.update();
	}

	/**
	 * Fencing: inside a chunk's transaction, checks that the run still holds its lease at
	 * the epoch it started with, and keeps the lease row share-locked until the chunk
	 * commits, so that a reaper cannot take the lease over between this check and the
	 * commit. A run whose lease was taken over (it was declared dead while only slow)
	 * cannot commit any further chunk.
	 */
	public void verifyHeld(String job, LocalDate period, String tenant, long epoch) {
		Long current = this.jdbc.sql("""
				SELECT epoch FROM run_leases WHERE job_name = :job AND period = :period AND tenant = :tenant FOR SHARE
				""")
			.param("job", job)
			.param("period", period)
			.param("tenant", tenant)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (current == null || current != epoch) {
			throw new LeaseLostException("the lease of " + job + " " + period + " " + tenant + " moved from epoch "
					+ epoch + " to " + current + ": this execution was recovered as dead and may no longer commit");
		}
	}

	/** Ends the lease; the row stays so that epochs keep increasing. */
	public void release(Lease lease) {
		this.held.remove(lease.key(), lease);
		this.jdbc.sql("""
				UPDATE run_leases SET lease_until = now(), renewed_at = now()
				 WHERE job_name = :job AND period = :period AND tenant = :tenant AND epoch = :epoch
				""")
			.param("job", lease.key().job())
			.param("period", lease.key().period())
			.param("tenant", lease.key().tenant())
			.param("epoch", lease.epoch())
			.update();
	}

	/**
	 * Takes over the lease of a run declared dead, if nobody renewed it since
	 * {@code seenEpoch} was read: the epoch moves on (fencing the old holder off) and the
	 * lease is left expired, free for a restart. Of two reapers racing for it, one wins.
	 */
	public boolean claimFromDeadOwner(String job, LocalDate period, String tenant, long seenEpoch) {
		return this.jdbc.sql("""
				UPDATE run_leases
				   SET epoch = epoch + 1, owner_host = :host, owner_pid = :pid, renewed_at = now(), lease_until = now()
				 WHERE job_name = :job AND period = :period AND tenant = :tenant AND epoch = :epoch
				""")
			.param("host", this.environment.host())
			.param("pid", this.environment.pid())
			.param("job", job)
			.param("period", period)
			.param("tenant", tenant)
			.param("epoch", seenEpoch)
			.update() == 1;
	}

	/**
	 * Ends the lease an execution held, whoever held it (used when recovering a dead
	 * run).
	 */
	public void expire(String job, LocalDate period, String tenant, long executionId) {
		this.jdbc.sql("""
				UPDATE run_leases SET lease_until = now()
				 WHERE job_name = :job AND period = :period AND tenant = :tenant
				   AND (execution_id = :execution OR execution_id IS NULL) AND lease_until > now()
				""")
			.param("job", job)
			.param("period", period)
			.param("tenant", tenant)
			.param("execution", executionId)
			.update();
	}

	/**
	 * Ends every lease this process holds: on shutdown the JVM may halt before a
	 * launching thread gets to release its lease, and a stopped run must be restartable
	 * at once.
	 */
	public void releaseAll() {
		this.held.values().forEach(this::release);
	}

	private void renewAll() {
		for (Lease lease : this.held.values()) {
			try {
				int renewed = this.jdbc.sql("""
						UPDATE run_leases SET renewed_at = now(), lease_until = now() + make_interval(secs => :ttl)
						 WHERE job_name = :job AND period = :period AND tenant = :tenant AND epoch = :epoch
						""")
					.param("ttl", this.settings.ttl().toMillis() / 1000.0)
					.param("job", lease.key().job())
					.param("period", lease.key().period())
					.param("tenant", lease.key().tenant())
					.param("epoch", lease.epoch())
					.update();
				if (renewed == 0) {
					lease.lost = true;
					this.held.remove(lease.key(), lease);
					log.error("lease of {} {} {} (epoch {}) was taken over by another process", lease.key().job(),
							lease.key().period(), lease.key().tenant(), lease.epoch());
				}
			}
			catch (RuntimeException ex) {
				log.warn("could not renew the lease of {} {} {}: {}", lease.key().job(), lease.key().period(),
						lease.key().tenant(), ex.getMessage());
			}
		}
	}

	@Override
	public void destroy() {
		this.heartbeat.shutdownNow();
	}

	record Key(String job, LocalDate period, String tenant) {
	}

	/** A run lost its lease to a recovery: it must not commit. */
	public static class LeaseLostException extends RuntimeException {

		LeaseLostException(String message) {
			super(message);
		}

	}

	/** A held lease. */
	public static final class Lease {

		private final Key key;

		private final long epoch;

		private volatile boolean lost;

		Lease(Key key, long epoch) {
			this.key = key;
			this.epoch = epoch;
		}

		Key key() {
			return this.key;
		}

		public long epoch() {
			return this.epoch;
		}

		/** Whether another process took the lease over after it expired. */
		public boolean lost() {
			return this.lost;
		}

	}

	/** The live holder of a lease. */
	public record Holder(String host, long pid, Long executionId, long epoch, Instant renewedAt, Instant leaseUntil) {

		public String describe() {
			return this.host + " pid " + this.pid
					+ ((this.executionId != null) ? " (execution " + this.executionId + ")" : "")
					+ ", lease valid until " + this.leaseUntil;
		}

	}

}
