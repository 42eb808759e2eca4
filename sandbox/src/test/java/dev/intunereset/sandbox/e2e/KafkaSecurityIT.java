package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.Topics;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.identity.TestPki;
import dev.intunereset.sandbox.kafka.SecuredListener;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The worker against a broker that demands SASL over TLS and enforces ACLs: the worker as a
 * SCRAM-SHA-512 user, a producer as a PLAIN user, each holding exactly the ACLs that
 * docs/security.md tells operators to grant (the test runs the documented kafka-acls.sh lines).
 */
class KafkaSecurityIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String WORKER_USER = "passcode-reset-worker";
  private static final String WORKER_PASSWORD = "scram-Pw\"9x~Lk2Mn4Pq";
  private static final String PRODUCER_USER = "ticket-bridge";
  private static final String PRODUCER_PASSWORD = "plain-Pw-7Yt6Rr5Ee4";
  private static final String STORE_PASSWORD = "store-pw-123";
  private static final List<String> CAPTURED = List.of("org.apache.kafka", "dev.intunereset");

  private static Path dir;
  private static Path trustStore;
  private static SandboxStack stack;
  private static List<AclBinding> documentedAcls;

  private Worker worker;
  private ListAppender<ILoggingEvent> logs;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("kafka-security-it");
    TestPki broker = TestPki.localServer("embedded-kafka");
    Path keyStore = broker.writePfx(dir.resolve("broker.p12"), STORE_PASSWORD);
    trustStore = broker.writeTrustStore(dir.resolve("truststore.p12"), STORE_PASSWORD);
    stack =
        SandboxStack.start(
            SandboxStack.Options.defaults(),
            new SecuredListener(
                0, Map.of(PRODUCER_USER, PRODUCER_PASSWORD), keyStore, STORE_PASSWORD, true));
    stack
        .kafka()
        .admin()
        .alterUserScramCredentials(
            List.of(
                new UserScramCredentialUpsertion(
                    WORKER_USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                    WORKER_PASSWORD)))
        .all()
        .get();
    documentedAcls = DocumentedAcls.read(Path.of("..", "docs", "security.md"));
    stack.kafka().admin().createAcls(documentedAcls).all().get();
    // The controller commits ACLs and credentials at once, the broker applies them a moment
    // later: wait until it serves them, or the first request of a test may be refused.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack.kafka().admin().describeAcls(AclBindingFilter.ANY).values().get().size()
                        >= documentedAcls.size()
                    && stack
                        .kafka()
                        .admin()
                        .describeUserScramCredentials(List.of(WORKER_USER))
                        .all()
                        .get()
                        .containsKey(WORKER_USER));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @AfterEach
  void stopWorker() {
    if (worker != null) {
      worker.close();
    }
    if (logs != null) {
      for (String name : CAPTURED) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        logger.detachAppender(logs);
        logger.setLevel(name.equals("org.apache.kafka") ? Level.ERROR : Level.WARN);
        logger.setAdditive(true);
      }
    }
  }

  private static Map<String, String> workerEnv(String password) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().securedBootstrapServers());
    env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    env.put("KAFKA_SASL_USERNAME", WORKER_USER);
    env.put("KAFKA_SASL_PASSWORD", password);
    env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", trustStore.toString());
    env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
    env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", STORE_PASSWORD);
    return env;
  }

  private static KafkaProducer<String, String> producer() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().securedBootstrapServers());
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", "PLAIN");
    props.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + PRODUCER_USER
            + "\" password=\""
            + PRODUCER_PASSWORD
            + "\";");
    props.put("ssl.truststore.location", trustStore.toString());
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.password", STORE_PASSWORD);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  @Test
  void theDocumentedAclsAreParsedForBothPrincipals() {
    assertThat(documentedAcls)
        .extracting(b -> b.entry().principal())
        .containsOnly("User:" + WORKER_USER, "User:" + PRODUCER_USER, "User:reset-approver");
    assertThat(documentedAcls).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void theWorkerProcessesARequestOverSaslSslHoldingOnlyTheDocumentedAcls() throws Exception {
    worker = stack.startWorker(WORKER_USER + "-0", workerEnv(WORKER_PASSWORD));
    UUID id = UUID.randomUUID();
    List<String> devices = DeviceInventory.firstResettableAndroidIds(5);

    try (KafkaProducer<String, String> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.REQUESTS,
                  id.toString(),
                  RequestRun.request(id, devices, "\"validateDeviceExists\":true")))
          .get();
      // Producers write requests, nothing else.
      assertThatThrownBy(
              () -> producer.send(new ProducerRecord<>(Topics.RESULTS, "forged", "{}")).get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    RequestRun run = new RequestRun(stack.bootstrapServers()).await(Set.of(id), TIMEOUT);

    List<DeviceOutcome> outcomes = run.outcomes(id);
    assertThat(outcomes).hasSize(5).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
    // The broker probe runs every few seconds; its first try may race the SCRAM credentials
    // reaching the broker's cache, so what must hold is that it settles on ok.
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(worker.readiness().checks()).containsEntry("kafka.broker", "ok"));
  }

  @Test
  void aWrongPasswordMakesTheWorkerNotReadyAndIsNeverLogged() throws Exception {
    String wrong = "wrong-Pw-DoNotLeak-4Hh8";
    logs = new ListAppender<>();
    logs.start();
    for (String name : CAPTURED) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      // Kafka logs every client's config at INFO: the passwords must show as [hidden] there.
      logger.setLevel(name.equals("org.apache.kafka") ? Level.INFO : Level.DEBUG);
      logger.setAdditive(false);
      logger.addAppender(logs);
    }
    worker = stack.startWorker(WORKER_USER + "-1", workerEnv(wrong));

    String broker = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!broker.startsWith("refused")) {
      broker = worker.readiness().checks().getOrDefault("kafka.broker", "");
      assertThat(System.nanoTime()).as("readiness reports the refusal").isLessThan(deadline);
      Thread.sleep(100);
    }
    System.out.println("not ready: " + broker);

    assertThat(worker.readiness().ready()).isFalse();
    assertThat(broker).contains("SaslAuthenticationException", "SCRAM-SHA-512");
    assertThat(worker.readiness().toString()).doesNotContain(wrong);
    List<ILoggingEvent> captured;
    synchronized (logs) {
      captured = new ArrayList<>(logs.list);
    }
    assertThat(captured)
        .as("Kafka logged the client configs")
        .anyMatch(e -> e.getFormattedMessage().contains("sasl.jaas.config = [hidden]"));
    for (ILoggingEvent e : captured) {
      assertThat(e.getFormattedMessage()).doesNotContain(wrong);
      if (e.getThrowableProxy() != null) {
        assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(wrong);
      }
    }
  }

  /** Turns the kafka-acls.sh lines of a document into the bindings they would create. */
  static final class DocumentedAcls {
    private DocumentedAcls() {}

    static List<AclBinding> read(Path doc) throws IOException {
      List<AclBinding> out = new ArrayList<>();
      for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
        if (line.startsWith("kafka-acls.sh ")) {
          out.addAll(AclCommand.parse(line));
        }
      }
      return out;
    }
  }
}
