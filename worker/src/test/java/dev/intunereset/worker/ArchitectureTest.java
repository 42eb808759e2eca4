package dev.intunereset.worker;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Packages by feature, with the dependency direction of docs/architecture.md enforced. */
class ArchitectureTest {
  private static final String WORKER = "dev.intunereset.worker..";
  private static final String CONFIG = "dev.intunereset.worker.config..";
  private static final String GRAPH = "dev.intunereset.worker.graph..";
  private static final String TASK = "dev.intunereset.worker.task..";
  private static final String INTAKE = "dev.intunereset.worker.intake..";
  private static final String DISPATCH = "dev.intunereset.worker.dispatch..";
  private static final String COMPLETION = "dev.intunereset.worker.completion..";
  private static final String MESSAGING = "dev.intunereset.worker.messaging..";
  private static final String TRACE = "dev.intunereset.worker.trace..";
  private static final String DELIVERY = "dev.intunereset.worker.delivery..";
  private static final String GUARD = "dev.intunereset.worker.guard..";
  private static final String CONTROL = "dev.intunereset.worker.control..";
  private static final String OPS = "dev.intunereset.worker.ops..";
  private static final String CANCEL = "dev.intunereset.worker.cancel..";
  private static final String TARGETING = "dev.intunereset.worker.targeting..";
  private static final String SETTLEMENT = "dev.intunereset.worker.settlement..";
  private static final String EXPANSION = "dev.intunereset.worker.expansion..";

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.intunereset.worker");
  }

  @Test
  void productionClassesWereImported() {
    // Guards every rule below against passing vacuously.
    for (String pkg :
        new String[] {
          CONFIG,
          GRAPH,
          TASK,
          INTAKE,
          DISPATCH,
          COMPLETION,
          DELIVERY,
          GUARD,
          TARGETING,
          SETTLEMENT,
          EXPANSION
        }) {
      org.assertj.core.api.Assertions.assertThat(classes.that(resideInAPackage(pkg)))
          .as(pkg)
          .isNotEmpty();
    }
  }

  @Test
  void configDependsOnNoOtherWorkerPackage() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(CONFIG)
            .should()
            .dependOnClassesThat(resideInAPackage(WORKER).and(not(resideInAPackage(CONFIG))));
    rule.check(classes);
  }

  @Test
  void graphDependsOnlyOnConfig() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(GRAPH)
            .should()
            .dependOnClassesThat(
                resideInAPackage(WORKER).and(not(resideInAnyPackage(GRAPH, CONFIG))));
    rule.check(classes);
  }

  @Test
  void taskDependsOnlyOnSharedPlumbing() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(TASK)
            .should()
            .dependOnClassesThat(
                resideInAPackage(WORKER)
                    .and(not(resideInAnyPackage(TASK, MESSAGING, CONFIG, TRACE))));
    rule.check(classes);
  }

  @Test
  void guardKnowsNoOtherStage() {
    // The keeper is a stage of its own and dispatch follows the brake, so guard may know neither.
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(GUARD)
            .should()
            .dependOnClassesThat(
                resideInAPackage(WORKER)
                    .and(not(resideInAnyPackage(GUARD, CONFIG, MESSAGING, CONTROL, OPS))));
    rule.check(classes);
  }

  @Test
  void cancelOrdersKnowNoStage() {
    // The intake writes the orders and dispatch follows them, so the topic may know neither.
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(CANCEL)
            .should()
            .dependOnClassesThat(
                resideInAPackage(WORKER).and(not(resideInAnyPackage(CANCEL, MESSAGING))));
    rule.check(classes);
  }

  @Test
  void targetingDependsOnNoOtherWorkerPackage() {
    // Intake (to validate) and the expansion stage (to list and check) will both use the filter.
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(TARGETING)
            .should()
            .dependOnClassesThat(resideInAPackage(WORKER).and(not(resideInAPackage(TARGETING))));
    rule.check(classes);
  }

  @Test
  void targetingIsPlainJava() {
    // No Kafka, no Graph SDK, no Jackson: the filter is pure decisions, tested without I/O.
    ArchRule rule =
        ArchRuleDefinition.classes()
            .that()
            .resideInAPackage(TARGETING)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", TARGETING, "dev.intunereset.contracts..");
    rule.check(classes);
  }

  @Test
  void expansionKnowsOnlyTheGraphEdgeAndTheFilter() {
    // Plain decisions over pages: the expansion stage (and its Kafka) will drive it from outside.
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(EXPANSION)
            .should()
            .dependOnClassesThat(
                resideInAPackage(WORKER)
                    .and(not(resideInAnyPackage(EXPANSION, GRAPH, TARGETING, CONFIG))));
    rule.check(classes);
  }

  @Test
  void intakeDoesNotDependOnDispatchGraphOrCompletion() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(INTAKE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DISPATCH, GRAPH, COMPLETION);
    rule.check(classes);
  }

  @Test
  void settlementKnowsNoOtherStage() {
    // It reads devices through an interface the wiring fills with dispatch's shared reads.
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(SETTLEMENT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INTAKE, DISPATCH, COMPLETION, GUARD, CONTROL);
    rule.check(classes);
  }

  @Test
  void dispatchDoesNotDependOnIntakeOrCompletion() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(DISPATCH)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INTAKE, COMPLETION);
    rule.check(classes);
  }

  @Test
  void completionDoesNotDependOnIntakeDispatchOrGraph() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(COMPLETION)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INTAKE, DISPATCH, GRAPH);
    rule.check(classes);
  }

  @Test
  void deliveryDependsOnNoOtherWorkerPackage() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(DELIVERY)
            .should()
            .dependOnClassesThat(resideInAPackage(WORKER).and(not(resideInAPackage(DELIVERY))));
    rule.check(classes);
  }

  @Test
  void onlyDeliveryTouchesTheJoseLibrary() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(WORKER)
            .and()
            .resideOutsideOfPackage(DELIVERY)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.nimbusds..");
    rule.check(classes);
  }

  @Test
  void onlyGraphTouchesTheGraphSdk() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(WORKER)
            .and()
            .resideOutsideOfPackage(GRAPH)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.microsoft.graph..", "com.microsoft.kiota..", "com.azure..");
    rule.check(classes);
  }

  @Test
  void onlyWorkerMainWritesToStandardStreams() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(WORKER)
            .and()
            .doNotHaveFullyQualifiedName(WorkerMain.class.getName())
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err");
    rule.check(classes);
  }

  @Test
  void featurePackagesFormNoCycle() {
    slices().matching("dev.intunereset.worker.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheRootPackageWiresTheFeatures() {
    // With the cycle rule above, this keeps the root package (Worker, WorkerMain) out of cycles.
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(WORKER)
            .and()
            .resideOutsideOfPackage("dev.intunereset.worker")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.intunereset.worker");
    rule.check(classes);
  }

  /**
   * Kafka client types stay in messaging (the stage shell), in the stage adapters that turn records
   * into decisions, and in the Kafka-backed state they read; decisions never see them.
   */
  private static final Set<String> KAFKA_FACING =
      Set.of(
          "intake.IntakeStage",
          "intake.IntakeWrites",
          "intake.HeldRequests",
          "intake.AcceptedRequests",
          "dispatch.DispatchStage",
          "dispatch.DispatchCancels",
          "cancel.CancelTopic",
          "completion.CompletionStage",
          "settlement.SettlementStage",
          "guard.BrakeStage",
          "guard.BrakeKeeper",
          "guard.BrakeTopic",
          "task.TaskRecords",
          "ops.BrokerHealth",
          "config.ConfigKeys",
          "config.KafkaSecurityReader");

  @Test
  void kafkaTypesStayInMessagingAndTheStageAdapters() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(WORKER)
            .and()
            .resideOutsideOfPackage(MESSAGING)
            .and(
                not(
                    com.tngtech.archunit.base.DescribedPredicate.describe(
                        "Kafka-facing",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                            KAFKA_FACING.contains(
                                c.getName()
                                    .replaceFirst("^dev\\.intunereset\\.worker\\.", "")
                                    .replaceFirst("\\$.*", "")))))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.kafka..");
    rule.check(classes);
  }
}
