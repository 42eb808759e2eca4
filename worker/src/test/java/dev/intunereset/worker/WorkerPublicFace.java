package dev.intunereset.worker;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The worker's public face (written down in the root package-info) as a rule for the modules that
 * use the worker: its root package, {@code config}, and the readiness report that {@code
 * Worker.readiness()} returns. Shipped in the worker's test jar so that every user checks the same
 * face.
 */
public final class WorkerPublicFace {
  private static final DescribedPredicate<JavaClass> INTERNALS =
      resideInAPackage("dev.intunereset.worker..")
          .and(not(resideInAnyPackage("dev.intunereset.worker", "dev.intunereset.worker.config..")))
          .and(not(name("dev.intunereset.worker.ops.OpsServer$Readiness")))
          .as("worker internals");

  private WorkerPublicFace() {}

  /** No class may depend on the worker beyond its public face. */
  public static ArchRule onlyThePublicFaceIsUsed() {
    return noClasses().should().dependOnClassesThat(INTERNALS);
  }
}
