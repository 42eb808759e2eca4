package dev.intunereset.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI's packages form no cycle. It knows nothing of the worker at all: it depends on the
 * contracts only (see its pom), so the worker's public-face rule has nothing to check here.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.intunereset.cli";

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void productionClassesWereImported() {
    // Guards the rule below against passing vacuously.
    assertThat(production.that(resideInAPackage(ROOT))).isNotEmpty();
  }

  @Test
  void packagesAreFreeOfCycles() {
    // "(**)" makes every package a slice of its own, the module's root package included, which
    // "cli.(*).." would leave out.
    slices().matching("dev.intunereset.(**)").should().beFreeOfCycles().check(production);
  }
}
