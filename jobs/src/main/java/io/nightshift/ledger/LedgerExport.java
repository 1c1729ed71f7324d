package io.nightshift.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.Tenants;
import io.nightshift.platform.launch.RunEnvironment;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * {@code ledger export}: writes a tenant's chains to a file an auditor can verify offline
 * ({@link ExportFile}), then verifies the file as the auditor would.
 */
@Service
public class LedgerExport {

	private final Ledger ledger;

	private final Tenants tenants;

	private final JsonMapper json;

	private final Clock clock;

	private final RunEnvironment environment;

	LedgerExport(Ledger ledger, Tenants tenants, JsonMapper json, Clock clock, RunEnvironment environment) {
		this.ledger = ledger;
		this.tenants = tenants;
		this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
		this.clock = clock;
		this.environment = environment;
	}

	/**
	 * @param tenant the tenant (required)
	 * @param from first day whose payloads are included, or null
	 * @param to last day whose payloads are included, or null
	 * @param out the file to write (its folder must exist)
	 * @param overwrite whether an existing file may be replaced
	 */
	public ExportSummary export(String tenant, LocalDate from, LocalDate to, Path out, boolean overwrite) {
		if (tenant == null || tenant.isBlank()) {
			throw NightshiftException.usage("--tenant: required (an export holds one tenant)");
		}
		if (!this.tenants.exists(tenant)) {
			throw NightshiftException.usage("--tenant " + tenant + ": unknown tenant");
		}
		if (from != null && to != null && from.isAfter(to)) {
			throw NightshiftException.usage("--from " + from + " is after --to " + to);
		}
		Path target = out.toAbsolutePath().normalize();
		if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
			throw NightshiftException.usage("--out " + out + ": folder " + target.getParent() + " does not exist");
		}
		if (Files.exists(target) && !overwrite) {
			throw NightshiftException.usage("--out " + out + ": file exists (use --force to replace it)");
		}
		ExportFile export = this.ledger.consistently(() -> read(tenant, from, to));
		byte[] bytes = this.json.writeValueAsString(export).getBytes(StandardCharsets.UTF_8);
		write(target, bytes, out);
		long entries = 0;
		long payloads = 0;
		long redacted = 0;
		long omitted = 0;
		for (ExportFile.Chain chain : export.chains()) {
			for (ExportFile.Entry entry : chain.entries()) {
				entries++;
				switch (entry.payloadState()) {
					case "present" -> payloads++;
					case "redacted" -> redacted++;
					default -> omitted++;
				}
			}
		}
		VerificationReport verification = ExportVerifier.verify(export, target.toString());
		return new ExportSummary(target, tenant, entries, payloads, redacted, omitted, verification);
	}

	private ExportFile read(String tenant, LocalDate from, LocalDate to) {
		Map<String, ChainHead> heads = this.ledger.heads(tenant);
		Map<String, List<ExportFile.Entry>> byKind = new LinkedHashMap<>();
		this.ledger.forEachEntry(tenant, (stored) -> {
			ChainEntry entry = stored.entry();
			SnapshotKind kind = SnapshotKind.of(entry.kind());
			boolean inRange = kind.period(entry.period()).overlaps(from, to);
			String state = (entry.payload() == null) ? ChainEntry.PayloadState.REDACTED.value()
					: inRange ? ChainEntry.PayloadState.PRESENT.value() : ChainEntry.PayloadState.OMITTED.value();
			byKind.computeIfAbsent(entry.kind(), (k) -> new ArrayList<>())
				.add(new ExportFile.Entry(entry.seq(), entry.period().toString(), entry.revision(),
						entry.supersedesSeq(), entry.schemaVersion(), entry.coverage(), entry.coverageReasons(),
						entry.capturedAt(), entry.contentHash(), entry.prevHash(), entry.chainHash(), state,
						(stored.redactedAt() != null) ? stored.redactedAt().toString() : null,
						"present".equals(state) ? new String(entry.payload(), StandardCharsets.UTF_8) : null));
		});
		for (String kind : heads.keySet()) {
			byKind.computeIfAbsent(kind.substring(kind.indexOf('/') + 1), (k) -> new ArrayList<>());
		}
		List<ExportFile.Chain> chains = new ArrayList<>();
		byKind.forEach((kind, entries) -> {
			ChainHead head = heads.get(Ledger.chainKey(tenant, kind));
			chains.add(new ExportFile.Chain(kind,
					(head != null) ? new ExportFile.Head(head.seq(), head.chainHash()) : null, entries));
		});
		chains.sort(java.util.Comparator.comparing(ExportFile.Chain::kind));
		return new ExportFile(ExportFile.FORMAT, ExportFile.VERSION, tenant, this.clock.instant().toString(),
				"nightshift " + this.environment.version(),
				new ExportFile.Range((from != null) ? from.toString() : null, (to != null) ? to.toString() : null),
				ExportFile.Algorithm.current(), chains);
	}

	/**
	 * Written beside the target and moved into place: a reader never sees half a file.
	 */
	private static void write(Path target, byte[] bytes, Path asGiven) {
		Path temporary = null;
		try {
			temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
			Files.write(temporary, bytes);
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw NightshiftException.usage("--out " + asGiven + ": cannot write: " + ex.getMessage());
		}
		finally {
			if (temporary != null) {
				try {
					Files.deleteIfExists(temporary);
				}
				catch (IOException ex) {
					// the move succeeded or the folder is gone; nothing to clean up
				}
			}
		}
	}

}
