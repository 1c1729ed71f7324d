package io.nightshift.reconcile;

import org.bson.Document;

/**
 * One key of the merge: the program as SQL has it and its document as Mongo has it,
 * either of which may be absent.
 *
 * @param programId the key
 * @param expected the SQL aggregate, or null when no program of the scope has this id
 * @param actual the stored document, or null when there is none
 */
record Comparison(long programId, ProgramAggregate expected, Document actual) {

}
