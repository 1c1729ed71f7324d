package io.nightshift.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.nightshift.platform.NightshiftException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code ledger verify --file F}: verifies an export offline, with no database and no
 * application context, the way an auditor's own tool would: every payload against its
 * content hash, every chain hash and link from the first entry to the recorded head.
 */
public final class ExportVerifier {

	private ExportVerifier() {
	}

	public static VerificationReport verify(Path file) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			throw NightshiftException.usage("--file " + file + ": no such file");
		}
		catch (IOException ex) {
			throw NightshiftException.usage("--file " + file + ": cannot read: " + ex.getMessage());
		}
		JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		ExportFile export;
		try {
			JsonNode tree = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
			// The format and its version first, so that a newer export is named as such
			// rather than failing on a field this version does not know.
			checkFormat(tree.path("format").asString(null), tree.path("formatVersion").asInt(-1), file.toString());
			export = mapper.treeToValue(tree, ExportFile.class);
		}
		catch (JacksonException ex) {
			throw NightshiftException
				.usage("--file " + file + ": not a ledger export: " + ex.getOriginalMessage().replace('\n', ' '));
		}
		return verify(export, file.toString());
	}

	static VerificationReport verify(ExportFile export, String source) {
		checkFormat(export.format(), export.formatVersion(), source);
		if (export.tenant() == null || export.chains() == null) {
			throw NightshiftException.usage(source + ": tenant and chains are required");
		}
		LedgerHashing hashing = LedgerHashing.standalone();
		List<ChainReport> reports = new ArrayList<>();
		Set<String> kinds = new HashSet<>();
		for (int c = 0; c < export.chains().size(); c++) {
			ExportFile.Chain chain = export.chains().get(c);
			if (chain.kind() == null || !kinds.add(chain.kind())) {
				throw NightshiftException.usage(source + ": chains[" + c + "]: missing or repeated kind");
			}
			ChainVerifier verifier = new ChainVerifier(hashing, export.tenant(), chain.kind());
			List<ExportFile.Entry> entries = (chain.entries() != null) ? chain.entries() : List.of();
			// seq orders a chain and is hashed; the order of the array is not.
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < entries.size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparingLong((Integer i) -> entries.get(i).seq()));
			for (int i : order) {
				verifier.accept(entry(export.tenant(), chain.kind(), entries.get(i),
						source + ": chains[" + c + "].entries[" + i + "]", "chains[" + c + "].entries[" + i + "]"));
			}
			ExportFile.Head head = chain.head();
			reports.add(verifier.finish((head != null) ? new ChainHead(head.seq(), head.chainHash()) : null));
		}
		return new VerificationReport(source, export.tenant(), reports);
	}

	private static void checkFormat(String format, int version, String source) {
		if (!ExportFile.FORMAT.equals(format)) {
			throw NightshiftException
				.usage(source + ": not a ledger export (format is " + format + ", not " + ExportFile.FORMAT + ")");
		}
		if (version != ExportFile.VERSION) {
			throw NightshiftException.usage(source + ": format version " + version
					+ " is not supported (this nightshift reads version " + ExportFile.VERSION + ")");
		}
	}

	private static ChainEntry entry(String tenant, String kind, ExportFile.Entry entry, String where, String ref) {
		ChainEntry.PayloadState state;
		try {
			state = ChainEntry.PayloadState.valueOf(String.valueOf(entry.payloadState()).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw NightshiftException.usage(
					where + ": payloadState is " + entry.payloadState() + " (expected present, redacted or omitted)");
		}
		if ((state == ChainEntry.PayloadState.PRESENT) != (entry.payload() != null)) {
			throw NightshiftException.usage(where + ": payloadState " + state.value() + " but "
					+ ((entry.payload() != null) ? "a payload is included" : "no payload is included"));
		}
		if (entry.period() == null || entry.capturedAt() == null || entry.contentHash() == null
				|| entry.prevHash() == null || entry.chainHash() == null || entry.coverage() == null) {
			throw NightshiftException
				.usage(where + ": period, capturedAt, coverage, contentHash, prevHash and chainHash are required");
		}
		LocalDate period;
		try {
			period = LocalDate.parse(entry.period());
		}
		catch (DateTimeParseException ex) {
			throw NightshiftException.usage(where + ": period " + entry.period() + " is not a date");
		}
		return new ChainEntry(ref, entry.seq(), tenant, kind, period, entry.revision(), entry.supersedesSeq(),
				entry.schemaVersion(), entry.coverage(),
				(entry.coverageReasons() != null) ? entry.coverageReasons() : JsonNodeFactory.instance.arrayNode(),
				entry.capturedAt(), entry.contentHash(), entry.prevHash(), entry.chainHash(),
				(entry.payload() != null) ? entry.payload().getBytes(StandardCharsets.UTF_8) : null, state);
	}

}
