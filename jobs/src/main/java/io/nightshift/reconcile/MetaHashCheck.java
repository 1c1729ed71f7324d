package io.nightshift.reconcile;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.nightshift.platform.json.CanonicalJson;
import tools.jackson.core.JacksonException;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.stereotype.Component;

/**
 * Recomputes {@code enrollments.meta_hash}: SHA-256 (hex) of the RFC 8785 canonical form
 * of {@code meta}, as the writers of enrollments (and the demo seed) compute it.
 */
@Component
class MetaHashCheck implements ItemProcessor<EnrollmentMeta, MetaMismatch> {

	private final CanonicalJson canonical;

	MetaHashCheck(CanonicalJson canonical) {
		this.canonical = canonical;
	}

	/** The mismatch, or null (filtered) when the stored hash is right. */
	@Override
	public MetaMismatch process(EnrollmentMeta enrollment) {
		return check(enrollment.id(), enrollment.tenantId(), enrollment.programId(), enrollment.meta(),
				enrollment.metaHash());
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

}
