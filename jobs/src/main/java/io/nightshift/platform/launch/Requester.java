package io.nightshift.platform.launch;

/**
 * Who asks, through what, and why. Recorded in the audit of every request, accepted or
 * refused.
 *
 * @param trigger the channel (operator, ci, schedule, ...)
 * @param actor a person's or system's name
 * @param reason free text; required for a rerun
 */
public record Requester(Trigger trigger, String actor, String reason) {

	public Requester {
		if (trigger == null) {
			trigger = Trigger.OPERATOR;
		}
		if (actor == null || actor.isBlank()) {
			actor = System.getProperty("user.name", "unknown");
		}
	}

	public static Requester operator(String reason) {
		return new Requester(Trigger.OPERATOR, null, reason);
	}

}
