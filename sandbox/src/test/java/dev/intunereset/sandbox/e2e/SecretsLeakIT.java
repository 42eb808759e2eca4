package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.SealedPasscode;
import dev.intunereset.sandbox.chaos.WorkerProcess;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.kafka.TopicSpec;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leak: a worker process runs with debug logging, passcode delivery and its Graph
 * credential, through good and bad requests; then everything it emitted (its whole log, a metrics
 * scrape, and every record on every topic, aborted transactions included) is searched for the
 * passcodes the simulator issued and for the credential.
 */
class SecretsLeakIT {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(30);
  private static final String RECIPIENT = "servicenow";

  @TempDir Path dir;
  private SandboxStack stack;
  private WorkerProcess worker;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.kill();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void noPasscodeOrCredentialAppearsInLogsMetricsEventsOrTheDlq() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID(RECIPIENT).generate();
    Path jwks = dir.resolve("recipients.jwks.json");
    Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
    stack = SandboxStack.start(SandboxStack.Options.defaults());
    int opsPort = freePort();
    Map<String, String> env = new HashMap<>(stack.workerEnv("leak-it"));
    env.put("PASSCODE_RECIPIENTS_FILE", jwks.toString());
    env.put("PASSCODE_POLL_INTERVAL", "200ms");
    env.put("OPS_HTTP_PORT", Integer.toString(opsPort));
    env.put("LOG_FORMAT", "json");
    env.put("LOG_LEVEL", "DEBUG");
    Set<String> credentials = Set.of(env.get("GRAPH_STATIC_TOKEN"));
    Path log = dir.resolve("worker.log");
    worker = new WorkerProcess(env, log);
    worker.start();
    awaitReady(opsPort);

    UUID delivered = UUID.randomUUID();
    UUID plain = UUID.randomUUID();
    List<String> deliveredDevices = ANDROID.subList(0, 20);
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
      // Unusable messages for the DLQ, including ones that name the delivery option.
      publisher.send("garbage", "{\"passcodeDelivery\": {\"recipient\": ");
      publisher.send(
          null,
          RequestRun.request(
              UUID.randomUUID(),
              ANDROID.subList(25, 26),
              "\"passcodeDelivery\":{\"recipient\":1}"));
    }
    RequestRun run =
        new RequestRun(stack.bootstrapServers())
            .publishAndAwait(
                Set.of(delivered, plain),
                Duration.ofSeconds(120),
                RequestRun.request(
                    delivered,
                    deliveredDevices,
                    "\"ignorePartialFailures\":true,"
                        + "\"passcodeDelivery\":{\"recipient\":\"servicenow\"}"),
                RequestRun.request(
                    plain, ANDROID.subList(20, 25), "\"ignorePartialFailures\":true"));
    // The same request again: a duplicate, rejected and dead-lettered.
    new RequestRun(stack.bootstrapServers())
        .publishAndAwaitRejection(
            delivered,
            Duration.ofSeconds(60),
            RequestRun.request(delivered, deliveredDevices, "\"ignorePartialFailures\":true"));
    String metrics = get(opsPort, "/metrics");
    assertThat(worker.stop()).as("the worker stops on SIGTERM").isTrue();

    List<String> passcodes = new ArrayList<>();
    for (String device : ANDROID.subList(0, 25)) {
      passcodes.add(stack.simulator().passcodeOf(device).orElseThrow());
    }
    // The needles are right: the sealed passcodes open to exactly what the simulator issued.
    for (DeviceOutcome o : run.outcomes(delivered)) {
      assertThat(o.passcode().status()).isEqualTo(PasscodeStatus.SEALED);
      JWEObject jwe = JWEObject.parse(o.passcode().jwe());
      jwe.decrypt(new RSADecrypter(key));
      SealedPasscode sealed = JSON.readValue(jwe.getPayload().toBytes(), SealedPasscode.class);
      assertThat(passcodes).contains(sealed.passcode());
    }
    assertThat(run.outcomes(delivered)).hasSize(20);

    String logs = Files.readString(log, StandardCharsets.UTF_8);
    List<String> records = everyRecord();
    // The haystacks are real: debug logs of this run, the scrape, outcomes and dead letters.
    assertThat(logs).contains("\"level\":\"DEBUG\"").contains(delivered.toString());
    assertThat(metrics).contains("passcode_reset_device_outcomes_total");
    assertThat(records).anyMatch(r -> r.contains("\"passcode\""));
    assertThat(records).anyMatch(r -> r.contains("DUPLICATE_REQUEST"));

    for (String passcode : passcodes) {
      // Passcodes are 8 digits: match them as whole numbers, not inside longer ones.
      Pattern whole = Pattern.compile("(?<![0-9])" + passcode + "(?![0-9])");
      assertThat(whole.matcher(logs).find()).as("passcode in the worker log").isFalse();
      assertThat(whole.matcher(metrics).find()).as("passcode in the metrics").isFalse();
      assertThat(records).noneMatch(r -> whole.matcher(r).find());
    }
    for (String credential : credentials) {
      assertThat(logs).doesNotContain(credential);
      assertThat(metrics).doesNotContain(credential);
      assertThat(records).noneMatch(r -> r.contains(credential));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  private static void awaitReady(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the worker process was not ready within 60 s");
  }

  /** Key, value and headers of every record on every topic, aborted transactions included. */
  private List<String> everyRecord() {
    List<String> out = new ArrayList<>();
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (TopicSpec topic : SandboxStack.TOPICS) {
        consumer.partitionsFor(topic.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .forEach(partitions::add);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          StringBuilder sb = new StringBuilder(r.topic()).append(' ');
          sb.append(text(r.key())).append(' ').append(text(r.value()));
          for (Header h : r.headers()) {
            sb.append(' ').append(h.key()).append('=').append(text(h.value()));
          }
          out.add(sb.toString());
        }
      }
    }
    assertThat(out).as("records read from every topic").isNotEmpty();
    return out;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }
}
