package io.nightshift.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.NightshiftProperties;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import jakarta.validation.Validation;
import org.quartz.CronExpression;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The job-config files: one YAML file per job in {@code --config-dir} (default
 * {@code ./job-configs}, falling back to the copy packaged in the jar), bound to typed,
 * validated records when the application starts. A missing or unknown file, an unknown
 * key, a value of the wrong type, a bad cron or a constraint violation stops the start-up
 * with exit code 2 and a message naming the file, the key and the line.
 */
@Component
public class JobConfigs {

	/**
	 * Job parameters carrying {@code --set KEY=VALUE} overrides are named
	 * {@code set.KEY}.
	 */
	public static final String OVERRIDE_PREFIX = "set.";

	private static final Set<String> TOP_LEVEL_KEYS = Set.of("enabled", "schedule", "recovery", "settings");

	private static final String PACKAGED_LOCATION = "classpath*:nightshift/job-configs/*.yml";

	private final JobCatalog catalog;

	private final SpringValidatorAdapter validator = new SpringValidatorAdapter(
			Validation.buildDefaultValidatorFactory().getValidator());

	private final Map<String, LoadedFile> files = new LinkedHashMap<>();

	private final Map<String, JobConfig> configs = new LinkedHashMap<>();

	private final String location;

	public JobConfigs(JobCatalog catalog, NightshiftProperties properties) {
		this.catalog = catalog;
		Map<String, Resource> resources = new TreeMap<>();
		this.location = locate(properties.configDir(), resources);
		List<String> errors = new ArrayList<>();
		for (JobDefinition definition : catalog.definitions()) {
			Resource resource = resources.remove(definition.name());
			if (resource == null) {
				errors.add(this.location + "/" + definition.name()
						+ ".yml: missing (every job needs its job-config file)");
				continue;
			}
			try {
				LoadedFile file = LoadedFile.read(this.location + "/" + resource.getFilename(), resource);
				this.files.put(definition.name(), file);
				this.configs.put(definition.name(), bind(definition, file));
			}
			catch (NightshiftException ex) {
				errors.add(ex.getMessage());
			}
		}
		resources.keySet()
			.forEach((name) -> errors.add(this.location + "/" + name + ".yml: no job named '" + name + "' (known jobs: "
					+ catalog.definitions().stream().map(JobDefinition::name).collect(Collectors.joining(", ")) + ")"));
		if (!errors.isEmpty()) {
			throw NightshiftException.usage("invalid job configuration:\n  " + String.join("\n  ", errors));
		}
	}

	/** Where the job configs were read from: a folder, or the packaged copy. */
	public String location() {
		return this.location;
	}

	public JobConfig config(String job) {
		this.catalog.require(job);
		return this.configs.get(job);
	}

	/**
	 * The job's settings from its file with the {@code set.*} overrides carried by the
	 * job parameters.
	 */
	public <S> S settings(String job, Class<S> type, JobParameters parameters) {
		return type.cast(settingsWithOverrides(job, overrides(parameters)));
	}

	/**
	 * The {@code --set} overrides an execution carries, from its {@code set.*} job
	 * parameters.
	 */
	public static Map<String, String> overrides(JobParameters parameters) {
		Map<String, String> overrides = new LinkedHashMap<>();
		for (JobParameter<?> parameter : parameters) {
			if (parameter.name().startsWith(OVERRIDE_PREFIX)) {
				overrides.put(parameter.name().substring(OVERRIDE_PREFIX.length()), String.valueOf(parameter.value()));
			}
		}
		return overrides;
	}

	/**
	 * The job's settings with {@code --set KEY=VALUE} overrides applied, validated like
	 * the file itself; an unknown key or a bad value is a usage error naming
	 * {@code --set KEY}.
	 */
	public Object settingsWithOverrides(String job, Map<String, String> overrides) {
		JobDefinition definition = this.catalog.require(job);
		if (overrides.isEmpty()) {
			return this.configs.get(job).settings();
		}
		LoadedFile file = this.files.get(job);
		Map<String, Object> prefixed = new LinkedHashMap<>();
		overrides.forEach((key, value) -> prefixed.put("settings." + key, value));
		PropertySource<?> overrideSource = new MapPropertySource("--set", prefixed);
		Binder binder = new Binder(ConfigurationPropertySources.from(List.of(overrideSource, file.source())));
		try {
			return bindSettings(definition, binder);
		}
		catch (BindException ex) {
			ConfigError error = ConfigError.of(ex);
			String key = error.property().startsWith("settings.") ? error.property().substring("settings.".length())
					: error.property();
			if (overrides.containsKey(key) || error.unknown()) {
				String known = knownSettings(definition);
				throw NightshiftException.usage("--set " + key + ": " + error.problem()
						+ (error.unknown() ? " of job " + job + " (known settings: " + known + ")" : ""));
			}
			throw NightshiftException.usage(file.name() + ": " + error.describe());
		}
	}

	/** The setting names a job accepts, for help and error messages. */
	public String knownSettings(JobDefinition definition) {
		if (!definition.settingsType().isRecord()) {
			return "none";
		}
		String names = Arrays.stream(definition.settingsType().getRecordComponents())
			.map((component) -> dashed(component.getName()))
			.collect(Collectors.joining(", "));
		return names.isEmpty() ? "none" : names;
	}

	private JobConfig bind(JobDefinition definition, LoadedFile file) {
		for (String name : file.propertyNames()) {
			String top = name.split("[.\\[]", 2)[0];
			if (!TOP_LEVEL_KEYS.contains(top)) {
				throw NightshiftException.usage(file.name() + ": " + name + ": unknown key" + file.line(name)
						+ " (allowed at the top: enabled, schedule, recovery, settings)");
			}
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(file.source()));
		try {
			boolean enabled = binder.bind("enabled", Boolean.class).orElse(true);
			Optional<Schedule> schedule = Optional
				.ofNullable(binder.bind("schedule", Bindable.of(Schedule.class), handler()).orElse(null));
			schedule.ifPresent((value) -> checkCron(file, value));
			Recovery recovery = binder.bindOrCreate("recovery", Bindable.of(Recovery.class), handler());
			Object settings = bindSettings(definition, binder);
			return new JobConfig(definition.name(), file.name(), enabled, schedule, recovery, settings);
		}
		catch (BindException ex) {
			ConfigError error = ConfigError.of(ex);
			String where = error.where().isEmpty() ? file.line(error.property()) : error.where();
			throw NightshiftException.usage(file.name() + ": " + error.property() + ": " + error.problem() + where);
		}
	}

	private Object bindSettings(JobDefinition definition, Binder binder) {
		return binder.bindOrCreate("settings", Bindable.of(definition.settingsType()), handler());
	}

	private BindHandler handler() {
		return new ValidationBindHandler(new NoUnboundElementsBindHandler(BindHandler.DEFAULT), this.validator);
	}

	private static void checkCron(LoadedFile file, Schedule schedule) {
		try {
			CronExpression.validateExpression(schedule.cron());
		}
		catch (ParseException ex) {
			throw NightshiftException
				.usage(file.name() + ": schedule.cron: '" + schedule.cron() + "' is not a Quartz cron expression ("
						+ ex.getMessage() + "; fields: seconds minutes hours day-of-month month day-of-week [year])"
						+ file.line("schedule.cron"));
		}
	}

	private static String locate(Path configDir, Map<String, Resource> resources) {
		if (Files.isDirectory(configDir)) {
			try (Stream<Path> paths = Files.list(configDir)) {
				paths.filter((path) -> path.getFileName().toString().endsWith(".yml"))
					.forEach((path) -> resources.put(baseName(path.getFileName().toString()),
							new FileSystemResource(path)));
			}
			catch (IOException ex) {
				throw NightshiftException.usage("cannot list job configs in " + configDir + ": " + ex.getMessage());
			}
			return configDir.toString();
		}
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(PACKAGED_LOCATION)) {
				resources.put(baseName(resource.getFilename()), resource);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the packaged job configs", ex);
		}
		return "classpath:nightshift/job-configs";
	}

	private static String baseName(String fileName) {
		return fileName.substring(0, fileName.length() - ".yml".length());
	}

	static String dashed(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private record LoadedFile(String name, PropertySource<?> source) {

		static LoadedFile read(String name, Resource resource) {
			List<PropertySource<?>> documents;
			try {
				documents = new YamlPropertySourceLoader().load(name, resource);
			}
			catch (IOException | RuntimeException ex) {
				throw NightshiftException.usage(name + ": not valid YAML: " + rootMessage(ex));
			}
			if (documents.size() > 1) {
				throw NightshiftException.usage(name + ": holds " + documents.size() + " YAML documents; expected one");
			}
			PropertySource<?> source = documents.isEmpty() ? new MapPropertySource(name, Map.of()) : documents.get(0);
			return new LoadedFile(name, source);
		}

		List<String> propertyNames() {
			return (this.source instanceof EnumerablePropertySource<?> enumerable)
					? List.of(enumerable.getPropertyNames()) : List.of();
		}

		@SuppressWarnings("unchecked")
		String line(String property) {
			Origin origin = (this.source instanceof OriginLookup<?> lookup)
					? ((OriginLookup<String>) lookup).getOrigin(property) : null;
			return ConfigError.line(origin);
		}

		private static String rootMessage(Throwable ex) {
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			return String.valueOf(root.getMessage()).replace('\n', ' ');
		}

	}

}
