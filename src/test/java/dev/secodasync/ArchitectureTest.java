package dev.secodasync;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure: the stages ({@code extract}, one output format each, {@code secoda},
 * {@code state}) are leaves that know the catalog model, the configuration records and the small
 * shared helpers only; the job layer wires them into steps; dialects never import each other.
 */
@AnalyzeClasses(packages = "dev.secodasync",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoAotOutput.class})
class ArchitectureTest {

    /** Spring AOT's generated bean definitions ({@code X__BeanDefinitions}) mirror the wiring, not the design. */
    static final class NoAotOutput implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("__");
        }
    }

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("dev.secodasync.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule dialects_do_not_import_each_other = slices().matching("dev.secodasync.extract.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule leaves_import_only_the_model_and_the_configuration = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("application").definedBy("dev.secodasync")
            .layer("check").definedBy("dev.secodasync.check..")
            .layer("job").definedBy("dev.secodasync.job..")
            .layer("cli").definedBy("dev.secodasync.cli..")
            .layer("extract").definedBy("dev.secodasync.extract..")
            .layer("csv").definedBy("dev.secodasync.csv..")
            .layer("jsonl").definedBy("dev.secodasync.jsonl..")
            .layer("secoda").definedBy("dev.secodasync.secoda..")
            .layer("state").definedBy("dev.secodasync.state..")
            .layer("report").definedBy("dev.secodasync.report..")
            .layer("config").definedBy("dev.secodasync.config..")
            .layer("sql").definedBy("dev.secodasync.sql..")
            .layer("catalog").definedBy("dev.secodasync.catalog..")
            .layer("support").definedBy("dev.secodasync.support..")
            .whereLayer("application").mayNotBeAccessedByAnyLayer()
            .whereLayer("check").mayOnlyBeAccessedByLayers("application")
            .whereLayer("job").mayOnlyBeAccessedByLayers("application", "check")
            .whereLayer("cli").mayOnlyBeAccessedByLayers("application")
            .whereLayer("extract").mayOnlyAccessLayers("catalog", "config", "sql", "support")
            .whereLayer("csv").mayOnlyAccessLayers("catalog", "support")
            .whereLayer("jsonl").mayOnlyAccessLayers("catalog", "support")
            .whereLayer("secoda").mayOnlyAccessLayers("config", "support")
            .whereLayer("state").mayOnlyAccessLayers("catalog", "sql", "support")
            .whereLayer("report").mayOnlyAccessLayers("catalog", "support")
            .whereLayer("config").mayOnlyAccessLayers("sql", "support")
            .whereLayer("cli").mayOnlyAccessLayers("config")
            .whereLayer("sql").mayNotAccessAnyLayer()
            .whereLayer("catalog").mayNotAccessAnyLayer()
            .whereLayer("support").mayNotAccessAnyLayer();
}
