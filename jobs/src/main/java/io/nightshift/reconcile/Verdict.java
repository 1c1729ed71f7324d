package io.nightshift.reconcile;

/**
 * The outcome of comparing one key.
 *
 * @param programId the key
 * @param tenantId the program's tenant (or the document's, for an extra document)
 * @param kind missing, extra or mismatched; null when the document is as expected
 * @param diff canonical JSON of what differs (the whole document for missing and extra,
 * the differing fields by JSON pointer for mismatched); null when equal
 * @param expected whether SQL expects a document
 * @param actual whether Mongo holds one
 */
record Verdict(long programId, String tenantId, String kind, String diff, boolean expected, boolean actual) {

}
