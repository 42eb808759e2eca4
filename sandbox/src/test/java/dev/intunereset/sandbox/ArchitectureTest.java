package dev.intunereset.sandbox;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.intunereset.worker.WorkerPublicFace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox's packages form no cycle, and it drives the worker only through its public face. */
class ArchitectureTest {
  private static final String ROOT = "dev.intunereset.sandbox";

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
    assertThat(production.that(resideInAPackage(ROOT + ".graph"))).isNotEmpty();
    assertThat(productionAndTests.that(resideInAPackage(ROOT + ".e2e"))).isNotEmpty();
  }

  @Test
  void packagesAreFreeOfCycles() {
    // "(**)" makes every package a slice of its own, the module's root package included, which
    // "sandbox.(*).." would leave out.
    slices().matching("dev.intunereset.(**)").should().beFreeOfCycles().check(production);
  }

  @Test
  void usesOnlyThePublicFaceOfTheWorker() {
    WorkerPublicFace.onlyThePublicFaceIsUsed().check(productionAndTests);
  }
}
