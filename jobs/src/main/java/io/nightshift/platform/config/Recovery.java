package io.nightshift.platform.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What happens when a run fails for a transient reason (connection refused or reset,
 * timeout, serialization failure, deadlock) or its process dies.
 *
 * @param attempts how many times a run that failed for a transient reason is resumed from
 * its last commit before it is left FAILED (0: never)
 * @param initialDelay the wait before the first retry; each further retry waits twice as
 * long
 * @param maxDelay the longest wait between retries (a random jitter of up to a fifth is
 * added)
 * @param restartOnRecovery whether the reaper restarts an execution it recovered after
 * its process died
 */
public record Recovery(@DefaultValue("3") @Min(0) @Max(20) int attempts,
		@DefaultValue("PT2S") @NotNull @DurationMin(nanos = 0) Duration initialDelay,
		@DefaultValue("PT1M") @NotNull @DurationMin(nanos = 0) Duration maxDelay,
		@DefaultValue("false") boolean restartOnRecovery) {

	/** The wait before retry {@code n} (1-based), without jitter. */
	public Duration delayBefore(int retry) {
		long millis = this.initialDelay.toMillis() * (1L << Math.min(20, Math.max(0, retry - 1)));
		return Duration.ofMillis(Math.min(millis, this.maxDelay.toMillis()));
	}

}
