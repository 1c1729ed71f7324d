package io.nightshift.platform.launch;

/**
 * Names of the non-identifying job parameters every execution carries, so that the job
 * repository alone tells who ran what, why and with which code.
 */
public final class LaunchParameters {

	public static final String TRIGGER = "trigger";

	public static final String ACTOR = "actor";

	public static final String REASON = "reason";

	public static final String HOST = "host";

	public static final String PID = "pid";

	public static final String VERSION = "version";

	/** The {@code launch_audit} row of the request that created the execution. */
	public static final String AUDIT_ID = "audit.id";

	/** The epoch of the run lease the execution runs under. */
	public static final String LEASE_EPOCH = "lease.epoch";

	private LaunchParameters() {
	}

}
