package io.nightshift.ledger;

/**
 * A tenant to snapshot: the item of the snapshot jobs' worker steps.
 *
 * @param id the tenant id
 */
record TenantItem(String id) {
}
