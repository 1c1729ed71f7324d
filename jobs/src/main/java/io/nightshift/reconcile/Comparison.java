package io.nightshift.reconcile;

import java.util.List;

import org.bson.Document;

/**
 * One key of the merge: the program as SQL has it and its document as Mongo has it,
 * either of which may be absent, with the meta-hash mismatches of the program's
 * enrollments.
 *
 * @param programId the key
 * @param expected the SQL aggregate, or null when no program of the scope has this id
 * @param actual the stored document, or null when there is none
 * @param metaMismatches enrollments of the program whose stored meta hash differs
 * @param metaChecked how many enrollments of the program had their meta hash recomputed
 */
record Comparison(long programId, ProgramAggregate expected, Document actual, List<MetaMismatch> metaMismatches,
		long metaChecked) {

}
