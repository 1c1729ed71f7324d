package io.nightshift.ledger;

import java.nio.file.Path;

/**
 * What {@code ledger export} wrote.
 *
 * @param file the export file
 * @param tenant the tenant
 * @param entries entries exported (every entry of the tenant's chains)
 * @param payloads entries exported with their payload
 * @param redacted entries whose payload retention removed
 * @param omitted entries outside the range, exported without payload
 * @param verification the export verified as an auditor would
 */
public record ExportSummary(Path file, String tenant, long entries, long payloads, long redacted, long omitted,
		VerificationReport verification) {
}
