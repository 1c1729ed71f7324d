package io.nightshift.platform.catalog;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.nightshift.platform.NightshiftException;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The jobs of this build: each {@link JobDefinition} with its Spring Batch {@link Job}.
 * The Job beans are looked up once all singletons exist, because building a job's steps
 * may need the job configs, which need the definitions.
 */
@Component
public class JobCatalog implements SmartInitializingSingleton {

	private final Map<String, JobDefinition> definitions = new LinkedHashMap<>();

	private final Map<String, Job> jobs = new LinkedHashMap<>();

	private final ObjectProvider<Job> jobBeans;

	public JobCatalog(List<JobDefinition> definitions, ObjectProvider<Job> jobBeans) {
		definitions.stream()
			.sorted(Comparator.comparingInt(JobDefinition::order).thenComparing(JobDefinition::name))
			.forEach((definition) -> this.definitions.put(definition.name(), definition));
		this.jobBeans = jobBeans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.jobBeans.orderedStream().forEach((job) -> this.jobs.put(job.getName(), job));
		for (String name : this.definitions.keySet()) {
			if (!this.jobs.containsKey(name)) {
				throw new IllegalStateException("job definition '" + name + "' has no Job bean of that name");
			}
		}
		for (String name : this.jobs.keySet()) {
			if (!this.definitions.containsKey(name)) {
				throw new IllegalStateException("Job bean '" + name + "' has no JobDefinition");
			}
		}
	}

	/** Every job, in pipeline order. */
	public List<JobDefinition> definitions() {
		return List.copyOf(this.definitions.values());
	}

	public Optional<JobDefinition> find(String name) {
		return Optional.ofNullable(this.definitions.get(name));
	}

	/** The job of that name, or a usage error listing the known ones. */
	public JobDefinition require(String name) {
		JobDefinition definition = this.definitions.get(name);
		if (definition == null) {
			throw NightshiftException
				.usage("unknown job '" + name + "'; known jobs: " + String.join(", ", this.definitions.keySet()));
		}
		return definition;
	}

	public Job job(String name) {
		require(name);
		return this.jobs.get(name);
	}

}
