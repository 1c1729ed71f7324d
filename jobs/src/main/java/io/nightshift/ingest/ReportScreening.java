package io.nightshift.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.nightshift.platform.Tenants;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Validates quality-report files before anything is written: the format of each file
 * ({@link QualityReportParser}), then what refers to stored data: the tenant must exist,
 * and a runId already ingested for another tenant, or present twice in one call with
 * different content, is refused. An identical copy of a file already in the call is
 * dropped silently.
 */
@Component
class ReportScreening {

	private static final int LOOKUP_BATCH = 1000;

	private final QualityReportParser parser;

	private final Tenants tenants;

	private final JdbcClient jdbc;

	private final MongoTemplate mongo;

	ReportScreening(JsonMapper json, Tenants tenants, JdbcClient jdbc, MongoTemplate mongo) {
		this.parser = new QualityReportParser(json);
		this.tenants = tenants;
		this.jdbc = jdbc;
		this.mongo = mongo;
	}

	QualityReportParser parser() {
		return this.parser;
	}

	/** The accepted files (in the given order) and the rejected ones. */
	Screened screen(List<Path> files, long maxBytes) {
		List<Candidate> candidates = new ArrayList<>();
		List<Rejection> rejected = new ArrayList<>();
		for (Path file : files) {
			String path = file.toAbsolutePath().normalize().toString();
			byte[] content;
			try {
				long size = Files.size(file);
				if (size > maxBytes) {
					rejected.add(new Rejection(path, "",
							"the file has " + size + " bytes, more than max-file-bytes (" + maxBytes + ")"));
					continue;
				}
				content = Files.readAllBytes(file);
			}
			catch (IOException ex) {
				rejected.add(new Rejection(path, "", "cannot read the file: " + ex));
				continue;
			}
			QualityReportParser.Result result = this.parser.parse(content);
			if (result instanceof QualityReportParser.Invalid invalid) {
				rejected.add(new Rejection(path, invalid.pointer(), invalid.message()));
			}
			else if (result instanceof QualityReportParser.Valid valid) {
				candidates.add(new Candidate(new IngestManifest.Entry(path, sha256(content), content.length,
						valid.report().runId(), valid.report().tenant())));
			}
		}
		Set<String> knownTenants = new HashSet<>(this.tenants.ids());
		Map<String, String> owners = owners(candidates.stream().map((c) -> c.entry().runId()).distinct().toList());
		Map<String, IngestManifest.Entry> inCall = new HashMap<>();
		List<IngestManifest.Entry> accepted = new ArrayList<>();
		int duplicates = 0;
		for (Candidate candidate : candidates) {
			IngestManifest.Entry entry = candidate.entry();
			if (!knownTenants.contains(entry.tenant())) {
				rejected.add(new Rejection(entry.path(), "/tenant", "unknown tenant '" + entry.tenant() + "'"));
				continue;
			}
			String owner = owners.get(entry.runId());
			if (owner != null && !owner.equals(entry.tenant())) {
				rejected.add(new Rejection(entry.path(), "/runId", "run " + entry.runId()
						+ " was already ingested for another tenant; a runId belongs to one tenant"));
				continue;
			}
			IngestManifest.Entry earlier = inCall.putIfAbsent(entry.runId(), entry);
			if (earlier != null) {
				if (earlier.sha256().equals(entry.sha256())) {
					duplicates++;
				}
				else {
					rejected.add(new Rejection(entry.path(), "/runId", "run " + entry.runId() + " is also in "
							+ earlier.path() + " with different content; one report per run"));
				}
				continue;
			}
			accepted.add(entry);
		}
		return new Screened(accepted, rejected, duplicates);
	}

	/**
	 * The tenant of every runId already stored (registry, or the quality_runs document).
	 */
	private Map<String, String> owners(List<String> runIds) {
		Map<String, String> owners = new HashMap<>();
		for (int from = 0; from < runIds.size(); from += LOOKUP_BATCH) {
			List<String> batch = runIds.subList(from, Math.min(runIds.size(), from + LOOKUP_BATCH));
			this.jdbc.sql("SELECT run_id, tenant_id FROM ingested_quality_runs WHERE run_id IN (:ids)")
				.param("ids", batch)
				.query((rs) -> {
					owners.put(rs.getString("run_id"), rs.getString("tenant_id"));
				});
			for (Document document : this.mongo.getCollection("quality_runs")
				.find(Filters.in("_id", batch))
				.projection(Projections.include("tenantId"))) {
				owners.putIfAbsent(String.valueOf(document.get("_id")), document.getString("tenantId"));
			}
		}
		return owners;
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** SHA-256 over the sorted digests of the accepted files: the run's input key. */
	static String inputKey(List<IngestManifest.Entry> entries) {
		List<String> digests = entries.stream().map(IngestManifest.Entry::sha256).sorted().toList();
		return sha256(String.join("\n", digests).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	private record Candidate(IngestManifest.Entry entry) {
	}

	/**
	 * @param accepted files to ingest
	 * @param rejected files refused, with their first problem
	 * @param duplicates identical copies of accepted files, dropped
	 */
	record Screened(List<IngestManifest.Entry> accepted, List<Rejection> rejected, int duplicates) {
	}

}
