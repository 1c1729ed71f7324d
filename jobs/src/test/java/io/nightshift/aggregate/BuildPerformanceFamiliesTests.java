package io.nightshift.aggregate;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The two families of the build-performance pipeline share only the platform and the
 * tables: ingest does not call aggregate, nor the other way round.
 */
@AnalyzeClasses(packages = "io.nightshift", importOptions = ImportOption.DoNotIncludeTests.class)
class BuildPerformanceFamiliesTests {

	@ArchTest
	static final ArchRule ingestDoesNotDependOnAggregate = noClasses().that()
		.resideInAPackage("io.nightshift.ingest..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.nightshift.aggregate..");

	@ArchTest
	static final ArchRule aggregateDoesNotDependOnIngest = noClasses().that()
		.resideInAPackage("io.nightshift.aggregate..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.nightshift.ingest..");

	@ArchTest
	static final ArchRule neitherDependsOnTheCommandLine = noClasses().that()
		.resideInAnyPackage("io.nightshift.ingest..", "io.nightshift.aggregate..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.nightshift.cli..");

}
