package io.nightshift.reconcile;

/**
 * A document a repairing run has to re-project.
 *
 * @param programId the document's id
 * @param tenantId the tenant it was found under
 * @param kind missing, extra or mismatched
 */
record RepairCandidate(long programId, String tenantId, String kind) {

}
