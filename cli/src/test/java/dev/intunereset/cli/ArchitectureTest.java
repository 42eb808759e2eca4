package dev.intunereset.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI's packages form no cycle, and it knows nothing of the worker beyond its public face. */
class ArchitectureTest {
  private static final String ROOT = "dev.intunereset.cli";

  /**
   * Anything of the worker outside its public face (written down in the worker's root
   * package-info): the root package, {@code config}, and the readiness report that {@code
   * Worker.readiness()} returns. {@code config.Durations} passes as part of {@code config} until it
   * moves to the contracts module.
   */
  private static final DescribedPredicate<JavaClass> WORKER_INTERNALS =
      resideInAPackage("dev.intunereset.worker..")
          .and(not(resideInAnyPackage("dev.intunereset.worker", "dev.intunereset.worker.config..")))
          .and(not(name("dev.intunereset.worker.ops.OpsServer$Readiness")))
          .as("worker internals");

  private static JavaClasses production;
  private static JavaClasses productionAndTests;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    productionAndTests = new ClassFileImporter().importPackages(ROOT);
  }

  @Test
  void productionAndTestClassesWereImported() {
    // Guards the rules below against passing vacuously.
    assertThat(production.that(resideInAPackage(ROOT))).isNotEmpty();
    assertThat(productionAndTests.size()).isGreaterThan(production.size());
  }

  @Test
  void packagesAreFreeOfCycles() {
    // "(**)" makes every package a slice of its own, the module's root package included, which
    // "cli.(*).." would leave out.
    slices().matching("dev.intunereset.(**)").should().beFreeOfCycles().check(production);
  }

  @Test
  void usesOnlyThePublicFaceOfTheWorker() {
    noClasses().should().dependOnClassesThat(WORKER_INTERNALS).check(productionAndTests);
  }
}
