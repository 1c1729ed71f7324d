package io.nightshift.platform.launch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The executions running in this process, so that shutdown can stop them cleanly. */
@Component
public class RunningExecutions {

	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	public void started(long executionId) {
		this.running.add(executionId);
	}

	public void ended(long executionId) {
		this.running.remove(executionId);
	}

	public List<Long> snapshot() {
		return List.copyOf(this.running);
	}

}
