package io.nightshift.reconcile;

import java.time.Instant;

/**
 * What SQL says about one program: its KPI targets and its enrollments counted by status,
 * with the latest {@code updated_at} among them.
 *
 * @param programId the program id (the document's {@code _id})
 * @param tenantId the program's tenant
 * @param kpiTargetJson {@code programs.kpi_target_json} as text
 * @param invited enrollments in status invited
 * @param active enrollments in status active
 * @param paused enrollments in status paused
 * @param completed enrollments in status completed
 * @param withdrawn enrollments in status withdrawn
 * @param watermark the latest {@code updated_at} of the program's enrollments; null when
 * it has none
 */
record ProgramAggregate(long programId, String tenantId, String kpiTargetJson, long invited, long active, long paused,
		long completed, long withdrawn, Instant watermark) {

}
