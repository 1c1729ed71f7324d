package io.nightshift.reconcile;

import java.time.Instant;
import java.util.Map;

/**
 * A {@code program_overview} document as the projection computes it from SQL.
 *
 * @param programId the program id ({@code _id})
 * @param tenantId the program's tenant
 * @param fields the projected fields in document order, {@code projectionHash} and
 * {@code sourceWatermark} included, {@code _id} and {@code projectedAt} not
 * @param projectionHash SHA-256 of the canonical JSON form of the projected fields
 * @param watermark the source watermark (millisecond precision, as a BSON date holds it);
 * null for a program without enrollments
 */
record Overview(long programId, String tenantId, Map<String, Object> fields, String projectionHash, Instant watermark) {

}
