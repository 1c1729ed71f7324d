package io.nightshift.reconcile;

/**
 * An enrollment's meta and stored hash, as the meta-hash check reads them.
 *
 * @param id the enrollment id
 * @param tenantId its tenant
 * @param programId its program
 * @param meta {@code meta} as JSON text
 * @param metaHash the stored {@code meta_hash}, or null
 */
record EnrollmentMeta(long id, String tenantId, long programId, String meta, String metaHash) {

}
