package io.nightshift.reconcile;

/**
 * An enrollment whose stored {@code meta_hash} is not the SHA-256 of the canonical form
 * of its {@code meta}.
 *
 * @param enrollmentId the enrollment id
 * @param tenantId its tenant
 * @param programId its program
 * @param stored the stored hash (null when none is stored)
 * @param computed the recomputed hash (null when meta has no canonical form)
 * @param problem why there is no recomputed hash, or null
 */
record MetaMismatch(long enrollmentId, String tenantId, long programId, String stored, String computed,
		String problem) {

}
