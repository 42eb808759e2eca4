package dev.intunereset.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract is what every other module shares, so it stays a leaf: no package cycles, and
 * nothing but the JDK and Jackson underneath it.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.intunereset.contracts";

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void productionClassesWereImported() {
    // Guards the rules below against passing vacuously.
    assertThat(production).isNotEmpty();
  }

  @Test
  void packagesAreFreeOfCycles() {
    // "(**)" makes every package a slice of its own, the root package included, which
    // "contracts.(*).." would leave out.
    slices().matching("dev.intunereset.(**)").should().beFreeOfCycles().check(production);
  }

  @Test
  void dependsOnlyOnTheJdkAndJackson() {
    // Annotations name the wire format; databind (with core, its API) is there for the one parser
    // of a request that the worker and the CLI share.
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            ROOT + "..",
            "java..",
            "com.fasterxml.jackson.annotation..",
            "com.fasterxml.jackson.core..",
            "com.fasterxml.jackson.databind..")
        .check(production);
  }
}
