package io.nightshift.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.nightshift.platform.catalog.JobCatalog;
import io.nightshift.platform.catalog.JobDefinition;
import io.nightshift.testsupport.NightshiftTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the structure: package dependencies, job configs for every job, migration names,
 * test names.
 */
@NightshiftTest
class ArchitectureTests {

	static final List<String> FAMILIES = List.of("ingest", "aggregate", "ledger", "reconcile", "retention",
			"compaction");

	private static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.nightshift");

	private static final Pattern MIGRATION = Pattern
		.compile("V(\\d+)__(create|add|alter|drop|rename|replace|backfill|seed)_[a-z0-9_]+\\.sql");

	@Autowired
	JobCatalog catalog;

	@Test
	void jobFamiliesDoNotDependOnEachOther() {
		for (String family : FAMILIES) {
			for (String other : FAMILIES) {
				if (!family.equals(other)) {
					ArchRule rule = noClasses().that()
						.resideInAPackage("io.nightshift." + family + "..")
						.should()
						.dependOnClassesThat()
						.resideInAPackage("io.nightshift." + other + "..")
						.allowEmptyShould(true);
					rule.check(PRODUCTION);
				}
			}
		}
	}

	@Test
	void thePlatformDependsOnNoFamilyAndNoCommand() {
		List<String> forbidden = new ArrayList<>();
		FAMILIES.forEach((family) -> forbidden.add("io.nightshift." + family + ".."));
		forbidden.add("io.nightshift.cli..");
		noClasses().that()
			.resideInAPackage("io.nightshift.platform..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(forbidden.toArray(String[]::new))
			.check(PRODUCTION);
	}

	@Test
	void familiesDoNotDependOnTheCommandLine() {
		noClasses().that()
			.resideInAnyPackage(
					FAMILIES.stream().map((family) -> "io.nightshift." + family + "..").toArray(String[]::new))
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.nightshift.cli..")
			.allowEmptyShould(true)
			.check(PRODUCTION);
	}

	@Test
	void everyJobHasAJobConfigAndEveryJobConfigNamesAJob() throws IOException {
		Set<String> files = new HashSet<>();
		try (Stream<Path> paths = Files.list(Path.of("../job-configs"))) {
			paths.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".yml"))
				.forEach((name) -> files.add(name.substring(0, name.length() - 4)));
		}
		Set<String> productionJobs = new HashSet<>();
		for (JobDefinition definition : this.catalog.definitions()) {
			boolean testOnly = definition.settingsType().getName().startsWith("io.nightshift.drill");
			if (!testOnly) {
				productionJobs.add(definition.name());
			}
		}

		assertThat(files).isEqualTo(productionJobs);
	}

	@Test
	void migrationsAreNamedForWhatTheyDoAndNumberedUniquely() throws IOException {
		Set<Integer> versions = new HashSet<>();
		try (Stream<Path> paths = Files.list(Path.of("../sql"))) {
			for (Path path : paths.toList()) {
				String name = path.getFileName().toString();
				Matcher matcher = MIGRATION.matcher(name);
				assertThat(matcher.matches()).as(name + " is named V<n>__<verb>_<object>.sql").isTrue();
				assertThat(versions.add(Integer.parseInt(matcher.group(1)))).as(name + " has a unique version")
					.isTrue();
				assertThat(Files.readString(path)).as(name + " is not empty").isNotBlank();
			}
		}
		assertThat(versions).contains(1, 2, 3);
	}

	@Test
	void testClassesAreNamedSoThatSurefireRunsThem() {
		JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
			.importPackages("io.nightshift");
		List<String> misnamed = new ArrayList<>();
		for (JavaClass type : tests) {
			boolean hasTests = type.getMethods()
				.stream()
				.anyMatch((method) -> method.isAnnotatedWith("org.junit.jupiter.api.Test")
						|| method.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")
						|| method.isAnnotatedWith("net.jqwik.api.Property"));
			if (hasTests && !type.getSimpleName().endsWith("Tests") && !type.getSimpleName().endsWith("Test")) {
				misnamed.add(type.getName());
			}
		}
		assertThat(misnamed).as("test classes Surefire would skip").isEmpty();
	}

}
