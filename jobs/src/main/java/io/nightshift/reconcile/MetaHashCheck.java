package io.nightshift.reconcile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.nightshift.platform.json.CanonicalJson;
import tools.jackson.core.JacksonException;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.stereotype.Component;

/**
 * Recomputes {@code enrollments.meta_hash}: SHA-256 (hex) of the RFC 8785 canonical form
 * of {@code meta}, as the writers of enrollments (and the demo seed) compute it.
 */
@Component
class MetaHashCheck implements ItemProcessor<List<EnrollmentMeta>, MetaHashCheck.Checked> {

	private final CanonicalJson canonical;

	MetaHashCheck(CanonicalJson canonical) {
		this.canonical = canonical;
	}

	/** Checks a block of enrollments. */
	@Override
	public Checked process(List<EnrollmentMeta> block) {
		List<MetaMismatch> mismatches = new ArrayList<>();
		for (EnrollmentMeta enrollment : block) {
			MetaMismatch mismatch = check(enrollment.id(), enrollment.tenantId(), enrollment.programId(),
					enrollment.meta(), enrollment.metaHash());
			if (mismatch != null) {
				mismatches.add(mismatch);
			}
		}
		return new Checked(block.size(), mismatches);
	}

	/** The mismatch, or null when the stored hash is right. */
	MetaMismatch check(long enrollmentId, String tenantId, long programId, String meta, String stored) {
		String computed;
		try {
			computed = HexFormat.of()
				.formatHex(
						CanonicalJson.sha256(this.canonical.canonicalizeJson(meta).getBytes(StandardCharsets.UTF_8)));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return new MetaMismatch(enrollmentId, tenantId, programId, stored, null,
					"meta has no canonical form: " + ex.getMessage());
		}
		if (computed.equals(stored)) {
			return null;
		}
		return new MetaMismatch(enrollmentId, tenantId, programId, stored, computed, null);
	}

	/**
	 * What a block's check found.
	 *
	 * @param checked enrollments checked
	 * @param mismatches those whose stored hash differs
	 */
	record Checked(int checked, List<MetaMismatch> mismatches) {

	}

}
