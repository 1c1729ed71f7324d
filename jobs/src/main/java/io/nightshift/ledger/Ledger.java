package io.nightshift.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evidence ledger in {@code ledger_snapshots}: one hash chain per tenant and kind.
 * Appends are serialized per chain (a transaction-scoped advisory lock), so concurrent
 * runs of different periods or tenant selections never fork a chain; the database itself
 * rejects updates and deletes (V14) except retention's redaction of a payload.
 */
@Repository
class Ledger {

	private static final String ENTRY_COLUMNS = """
			l.id, l.tenant_id, l.kind, l.period, l.revision, l.seq, l.schema_version, l.coverage,
			l.coverage_reasons, l.payload, l.content_hash, l.prev_hash, l.chain_hash, l.captured_at,
			l.redacted_at, l.execution_id, l.supersedes,
			CASE WHEN l.supersedes IS NULL THEN NULL
			     WHEN s.tenant_id = l.tenant_id AND s.kind = l.kind THEN s.seq ELSE -1 END AS supersedes_seq
			""";

	private final JdbcClient jdbc;

	private final LedgerHashing hashing;

	private final Clock clock;

	private final TransactionTemplate required;

	private final TransactionTemplate readOnly;

	Ledger(JdbcClient jdbc, LedgerHashing hashing, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.hashing = hashing;
		this.clock = clock;
		this.required = new TransactionTemplate(transactions);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/** The latest revision of a period, if any. */
	Optional<Revision> latest(String tenant, SnapshotKind kind, LocalDate period) {
		return this.jdbc.sql("""
				SELECT id, revision, seq, content_hash, coverage FROM ledger_snapshots
				 WHERE tenant_id = :tenant AND kind = :kind AND period = :period
				 ORDER BY revision DESC LIMIT 1
				""")
			.param("tenant", tenant)
			.param("kind", kind.value())
			.param("period", period)
			.query((rs, row) -> new Revision(rs.getLong("id"), rs.getInt("revision"), rs.getLong("seq"),
					rs.getString("content_hash"), rs.getString("coverage")))
			.optional();
	}

	/**
	 * Appends a snapshot to its tenant's chain unless the period's latest revision holds
	 * the same content (or is complete while the snapshot is partial and
	 * {@code partialSupersedesComplete} is off). Joins the caller's transaction (a
	 * chunk's), so the entry commits with the reader's position or not at all.
	 */
	Appended append(SnapshotCapture.CapturedSnapshot snapshot, Long executionId, boolean partialSupersedesComplete) {
		return this.required.execute((status) -> {
			String chain = snapshot.tenant() + "/" + snapshot.kind().value();
			this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
				.param("key", "nightshift.ledger/" + chain)
				.query((ResultSet rs) -> {
				});
			Optional<Revision> latest = latest(snapshot.tenant(), snapshot.kind(), snapshot.period().start());
			if (latest.isPresent() && latest.get().contentHash().equals(snapshot.contentHash())) {
				return new Appended(Outcome.UNCHANGED, latest.get(), null);
			}
			if (latest.isPresent() && SnapshotPayload.Coverage.COMPLETE.equals(latest.get().coverage())
					&& !snapshot.complete() && !partialSupersedesComplete) {
				return new Appended(Outcome.KEPT_COMPLETE, latest.get(), null);
			}
			ChainHead last = lastEntry(snapshot.tenant(), snapshot.kind());
			ChainHead head = head(snapshot.tenant(), snapshot.kind());
			if (!java.util.Objects.equals(last, head)) {
				throw new IllegalStateException("ledger chain " + chain + " is inconsistent: its last entry is "
						+ ((last != null) ? "seq " + last.seq() : "none") + " but its recorded head is "
						+ ((head != null) ? "seq " + head.seq() : "none")
						+ "; nothing was appended (check with: nightshift ledger verify --tenant " + snapshot.tenant()
						+ ")");
			}
			long seq = (last != null) ? last.seq() + 1 : 1;
			String prevHash = (last != null) ? last.chainHash() : LedgerHashing.GENESIS;
			int revision = latest.map((previous) -> previous.revision() + 1).orElse(1);
			Long supersedesSeq = latest.map(Revision::seq).orElse(null);
			Instant capturedAt = LedgerHashing.capturedAt(this.clock.instant());
			JsonNode reasons = (snapshot.reasonsJson() != null) ? this.hashing.parse(snapshot.reasonsJson())
					: JsonNodeFactory.instance.arrayNode();
			String chainHash = this.hashing
				.chainHash(new LedgerHashing.EntryHeader(snapshot.tenant(), snapshot.kind().value(), seq,
						snapshot.period().start().toString(), revision, supersedesSeq, snapshot.schemaVersion(),
						snapshot.coverage(), reasons, capturedAt.toString(), snapshot.contentHash(), prevHash));
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			this.jdbc
				.sql("""
						INSERT INTO ledger_snapshots (tenant_id, kind, period, revision, supersedes, seq, schema_version,
						    coverage, coverage_reasons, payload, content_hash, prev_hash, chain_hash, captured_at, execution_id)
						VALUES (:tenant, :kind, :period, :revision, :supersedes, :seq, :schemaVersion, :coverage, :reasons,
						    :payload, :contentHash, :prevHash, :chainHash, :capturedAt, :executionId)
						""")
				.param("tenant", snapshot.tenant())
				.param("kind", snapshot.kind().value())
				.param("period", snapshot.period().start())
				.param("revision", revision)
				.param("supersedes", latest.map(Revision::id).orElse(null), java.sql.Types.BIGINT)
				.param("seq", seq)
				.param("schemaVersion", snapshot.schemaVersion())
				.param("coverage", snapshot.coverage())
				.param("reasons", snapshot.reasonsJson(), java.sql.Types.VARCHAR)
				.param("payload", snapshot.payload())
				.param("contentHash", snapshot.contentHash())
				.param("prevHash", prevHash)
				.param("chainHash", chainHash)
				.param("capturedAt", SnapshotSources.utc(capturedAt))
				.param("executionId", executionId, java.sql.Types.BIGINT)
				.update(key, "id");
			long id = key.getKeyAs(Long.class);
			this.jdbc.sql("""
					INSERT INTO ledger_chain_heads (tenant_id, kind, seq, chain_hash, entry_id, updated_at)
					VALUES (:tenant, :kind, :seq, :chainHash, :id, :now)
					ON CONFLICT (tenant_id, kind) DO UPDATE
					   SET seq = excluded.seq, chain_hash = excluded.chain_hash, entry_id = excluded.entry_id,
					       updated_at = excluded.updated_at
					""")
				.param("tenant", snapshot.tenant())
				.param("kind", snapshot.kind().value())
				.param("seq", seq)
				.param("chainHash", chainHash)
				.param("id", id)
				.param("now", SnapshotSources.utc(capturedAt))
				.update();
			return new Appended((revision > 1) ? Outcome.REVISED : Outcome.APPENDED,
					new Revision(id, revision, seq, snapshot.contentHash(), snapshot.coverage()), latest.orElse(null));
		});
	}

	private ChainHead lastEntry(String tenant, SnapshotKind kind) {
		return this.jdbc.sql("""
				SELECT seq, chain_hash FROM ledger_snapshots WHERE tenant_id = :tenant AND kind = :kind
				 ORDER BY seq DESC LIMIT 1
				""")
			.param("tenant", tenant)
			.param("kind", kind.value())
			.query((rs, row) -> new ChainHead(rs.getLong("seq"), rs.getString("chain_hash")))
			.optional()
			.orElse(null);
	}

	private ChainHead head(String tenant, SnapshotKind kind) {
		return this.jdbc
			.sql("SELECT seq, chain_hash FROM ledger_chain_heads WHERE tenant_id = :tenant AND kind = :kind")
			.param("tenant", tenant)
			.param("kind", kind.value())
			.query((rs, row) -> new ChainHead(rs.getLong("seq"), rs.getString("chain_hash")))
			.optional()
			.orElse(null);
	}

	/** The recorded chain heads, by tenant and kind. */
	Map<String, ChainHead> heads(String tenant) {
		Map<String, ChainHead> heads = new LinkedHashMap<>();
		String sql = "SELECT tenant_id, kind, seq, chain_hash FROM ledger_chain_heads"
				+ ((tenant != null) ? " WHERE tenant_id = :tenant" : "") + " ORDER BY tenant_id, kind";
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql);
		if (tenant != null) {
			statement = statement.param("tenant", tenant);
		}
		statement.query((ResultSet rs) -> {
			heads.put(chainKey(rs.getString("tenant_id"), rs.getString("kind")),
					new ChainHead(rs.getLong("seq"), rs.getString("chain_hash")));
		});
		return heads;
	}

	static String chainKey(String tenant, String kind) {
		return tenant + "/" + kind;
	}

	/**
	 * Streams every entry (of one tenant, or all) in chain order: tenant, kind, seq; in
	 * one read-only transaction, so verification sees one consistent ledger.
	 */
	void forEachEntry(String tenant, Consumer<StoredEntry> consumer) {
		this.readOnly.executeWithoutResult((status) -> {
			String sql = "SELECT " + ENTRY_COLUMNS
					+ " FROM ledger_snapshots l LEFT JOIN ledger_snapshots s ON s.id = l.supersedes"
					+ ((tenant != null) ? " WHERE l.tenant_id = :tenant" : "") + " ORDER BY l.tenant_id, l.kind, l.seq";
			JdbcClient.StatementSpec statement = this.jdbc.sql(sql).withFetchSize(200);
			if (tenant != null) {
				statement = statement.param("tenant", tenant);
			}
			statement.query((ResultSet rs) -> {
				consumer.accept(entry(rs));
			});
		});
	}

	/** Runs {@code work} in one read-only, repeatable-read transaction. */
	<T> T consistently(java.util.function.Supplier<T> work) {
		return this.readOnly.execute((status) -> work.get());
	}

	/** A page of a tenant's entries in the order kind, period, revision. */
	List<HistoryRow> history(String tenant, SnapshotKind kind, int offset, int limit) {
		String sql = """
				SELECT x.* FROM (
				    SELECT l.id, l.kind, l.period, l.revision, l.seq, l.coverage, l.coverage_reasons, l.content_hash,
				           l.chain_hash, l.captured_at, l.redacted_at, l.execution_id,
				           max(l.revision) OVER (PARTITION BY l.kind, l.period) AS latest_revision
				      FROM ledger_snapshots l
				     WHERE l.tenant_id = :tenant AND (l.kind = :kind OR :kind = 'any')) x
				 ORDER BY x.kind, x.period, x.revision
				 LIMIT :limit OFFSET :offset
				""";
		return this.jdbc.sql(sql)
			.param("tenant", tenant)
			.param("kind", (kind != null) ? kind.value() : "any")
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, row) -> new HistoryRow(rs.getString("kind"), rs.getObject("period", LocalDate.class),
					rs.getInt("revision"), rs.getLong("seq"), rs.getString("coverage"),
					rs.getString("coverage_reasons"), rs.getString("content_hash"), rs.getString("chain_hash"),
					rs.getObject("captured_at", OffsetDateTime.class).toInstant(), instantOrNull(rs, "redacted_at"),
					(Long) rs.getObject("execution_id"), rs.getInt("revision") < rs.getInt("latest_revision")))
			.list();
	}

	long count(String tenant, SnapshotKind kind) {
		return this.jdbc
			.sql("SELECT count(*) FROM ledger_snapshots WHERE tenant_id = :tenant AND (kind = :kind OR :kind = 'any')")
			.param("tenant", tenant)
			.param("kind", (kind != null) ? kind.value() : "any")
			.query(Long.class)
			.single();
	}

	/**
	 * The entries the executions appended, by coverage and whether they revise a period.
	 */
	AppendCounts appendedBy(List<Long> executionIds) {
		if (executionIds.isEmpty()) {
			return new AppendCounts(0, 0, 0);
		}
		return this.jdbc.sql("""
				SELECT count(*) AS appended, count(*) FILTER (WHERE revision > 1) AS revised,
				       count(*) FILTER (WHERE coverage = 'PARTIAL') AS partial
				  FROM ledger_snapshots WHERE execution_id IN (:ids)
				""")
			.param("ids", executionIds)
			.query((rs, row) -> new AppendCounts(rs.getLong("appended"), rs.getLong("revised"), rs.getLong("partial")))
			.single();
	}

	private StoredEntry entry(ResultSet rs) throws SQLException {
		byte[] payload = rs.getBytes("payload");
		Instant redactedAt = instantOrNull(rs, "redacted_at");
		String reasons = rs.getString("coverage_reasons");
		long supersedesSeq = rs.getLong("supersedes_seq");
		Long supersedes = rs.wasNull() ? null : supersedesSeq;
		ChainEntry chainEntry = new ChainEntry("id " + rs.getLong("id"), rs.getLong("seq"), rs.getString("tenant_id"),
				rs.getString("kind"), rs.getObject("period", LocalDate.class), rs.getInt("revision"), supersedes,
				rs.getInt("schema_version"), rs.getString("coverage"),
				(reasons != null) ? this.hashing.parse(reasons) : JsonNodeFactory.instance.arrayNode(),
				rs.getObject("captured_at", OffsetDateTime.class).toInstant().toString(), rs.getString("content_hash"),
				rs.getString("prev_hash"), rs.getString("chain_hash"), payload,
				(payload != null) ? ChainEntry.PayloadState.PRESENT : ChainEntry.PayloadState.REDACTED);
		return new StoredEntry(rs.getLong("id"), chainEntry, redactedAt, (Long) rs.getObject("execution_id"));
	}

	private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** What an append did. */
	enum Outcome {

		/** A first revision of its period was appended. */
		APPENDED,

		/** A new revision superseding the period's previous one was appended. */
		REVISED,

		/** The period's latest revision holds the same content: nothing appended. */
		UNCHANGED,

		/**
		 * The capture was partial and the period's latest revision complete: nothing
		 * appended.
		 */
		KEPT_COMPLETE

	}

	/**
	 * @param outcome what happened
	 * @param entry the appended entry, or the existing latest revision when nothing was
	 * appended
	 * @param superseded the revision the new entry supersedes; null otherwise
	 */
	record Appended(Outcome outcome, Revision entry, Revision superseded) {

		boolean added() {
			return this.outcome == Outcome.APPENDED || this.outcome == Outcome.REVISED;
		}

	}

	/** An entry's identity within its period. */
	record Revision(long id, int revision, long seq, String contentHash, String coverage) {
	}

	/** A stored entry with what the database keeps beside the hashed fields. */
	record StoredEntry(long id, ChainEntry entry, Instant redactedAt, Long executionId) {
	}

	/** A row of {@code ledger history}. */
	record HistoryRow(String kind, LocalDate period, int revision, long seq, String coverage, String coverageReasons,
			String contentHash, String chainHash, Instant capturedAt, Instant redactedAt, Long executionId,
			boolean superseded) {
	}

	/** Entries appended by a run. */
	record AppendCounts(long appended, long revised, long partial) {
	}

}
