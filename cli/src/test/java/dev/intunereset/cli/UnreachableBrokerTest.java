package dev.intunereset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Kafka transport against a port nobody listens on: bounded, one line, exit 4. */
class UnreachableBrokerTest {
  private static String bootstrap;

  @BeforeAll
  static void closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      bootstrap = "127.0.0.1:" + s.getLocalPort();
    }
  }

  private record Run(int code, String out, String err, Duration took) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            Map.of(),
            new KafkaTransport(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]),
            false,
            System::nanoTime);
    long start = System.nanoTime();
    int code = PasscodeResetCli.run(args, context);
    return new Run(
        code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
  }

  @Test
  void submitGivesUpAfterTheConnectTimeout() {
    Run r =
        run(
            "submit",
            "--bootstrap-servers",
            bootstrap,
            "--connect-timeout",
            "2s",
            "--device",
            "00000000-0000-4000-8000-000000000001",
            "--requested-by",
            "a",
            "--reason",
            "b");

    assertThat(r.code()).isEqualTo(ExitCodes.KAFKA);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith(
            "passcode-reset submit: publishing to passcode-reset.requests: no answer within 2s")
        .contains("(Kafka at " + bootstrap + ")")
        .doesNotContain("\tat ")
        .hasLineCount(1);
    assertThat(r.took()).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void watchGivesUpAfterTheConnectTimeout() {
    Run r =
        run(
            "watch",
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "--bootstrap-servers",
            bootstrap,
            "--connect-timeout",
            "2s");

    assertThat(r.code()).isEqualTo(ExitCodes.KAFKA);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("passcode-reset watch: reading passcode-reset.results: no answer within 2s")
        .doesNotContain("\tat ")
        .hasLineCount(1);
    assertThat(r.took()).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void anInvalidClientSettingIsAUsageError() {
    Run r =
        run(
            "watch",
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "--bootstrap-servers",
            bootstrap,
            "--kafka-property",
            "security.protocol=CARRIER_PIGEON");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("invalid Kafka client setting").contains("CARRIER_PIGEON");
  }
}
