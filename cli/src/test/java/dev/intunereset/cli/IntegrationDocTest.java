package dev.intunereset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intunereset.contracts.RequestParser;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docs/integration.md stays true: its CLI commands parse (CliRoundTripIT runs each of them against
 * a real broker), the requests it builds are valid, and its Java producer compiles.
 */
class IntegrationDocTest {
  private static final Path DOC = Path.of("..", "docs", "integration.md");
  private static final Pattern SH = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final String SOME_ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

  @TempDir Path dir;

  /** Every {@code passcode-reset} command in the shell blocks, as argument lists. */
  private static List<List<String>> commands() throws IOException {
    List<List<String>> out = new ArrayList<>();
    Matcher blocks = SH.matcher(Files.readString(DOC));
    while (blocks.find()) {
      String text = blocks.group(1).replace("\\\n", " ");
      for (String line : text.split("\n")) {
        int at = line.indexOf("passcode-reset ");
        if (at < 0 || line.strip().startsWith("alias ")) {
          continue;
        }
        String command = line.substring(at + "passcode-reset ".length()).strip();
        if (line.contains("$(passcode-reset")) {
          command = command.replaceFirst("\\)$", "");
        }
        out.add(tokenize(command.replace("\"$id\"", SOME_ID)));
      }
    }
    return out;
  }

  /** Splits like a POSIX shell for the simple quoting the doc uses. */
  private static List<String> tokenize(String command) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = null;
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        current = current == null ? new StringBuilder() : current;
      } else if (Character.isWhitespace(c)) {
        if (current != null) {
          tokens.add(current.toString());
          current = null;
        }
      } else {
        current = current == null ? new StringBuilder() : current;
        current.append(c);
      }
    }
    if (current != null) {
      tokens.add(current.toString());
    }
    return tokens;
  }

  @Test
  void everyCommandShownParses() throws IOException {
    List<List<String>> commands = commands();
    assertThat(commands).hasSizeGreaterThanOrEqualTo(6);
    assertThat(commands).extracting(c -> c.get(0)).contains("submit", "watch");
    for (List<String> args : commands) {
      CommandLine cli = PasscodeResetCli.commandLine(new CliRunner(new FakeTransport()).context());
      CommandLine.ParseResult result = cli.parseArgs(args.toArray(String[]::new));
      assertThat(result.subcommand()).as("%s", args).isNotNull();
      assertThat(result.subcommand().unmatched()).as("%s", args).isEmpty();
    }
  }

  @Test
  void everyCommandOfTheCliIsShown() throws IOException {
    CommandLine cli = PasscodeResetCli.commandLine(new CliRunner(new FakeTransport()).context());
    assertThat(commands()).extracting(c -> c.get(0)).containsAll(cli.getSubcommands().keySet());
  }

  @Test
  void theRequestsBuiltFromFlagsAreValid() throws IOException {
    int built = 0;
    for (List<String> args : commands()) {
      if (!args.get(0).equals("submit") || args.contains("--file")) {
        continue;
      }
      List<String> local = new ArrayList<>(args);
      int file = local.indexOf("--devices-file");
      if (file >= 0) {
        Path devices = dir.resolve("devices.txt");
        Files.writeString(devices, "00000000-0000-4000-8000-000000000001\n");
        local.set(file + 1, devices.toString());
      }
      CommandLine cli = PasscodeResetCli.commandLine(new CliRunner(new FakeTransport()).context());
      SubmitCommand submit =
          (SubmitCommand)
              cli.parseArgs(local.toArray(String[]::new)).subcommand().commandSpec().userObject();
      ObjectNode request = submit.buildRequest();
      assertThat(RequestParser.parse(Json.compact(request).getBytes(StandardCharsets.UTF_8)))
          .as("%s", args)
          .isInstanceOf(RequestParser.Parsed.class);
      built++;
    }
    assertThat(built).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theJavaProducerCompiles() throws IOException, URISyntaxException {
    Matcher block = JAVA.matcher(Files.readString(DOC));
    assertThat(block.find()).isTrue();
    String source = block.group(1);
    Matcher name = Pattern.compile("public final class (\\w+)").matcher(source);
    assertThat(name.find()).isTrue();
    Path file = dir.resolve(name.group(1) + ".java");
    Files.writeString(file, source);
    // The code sources of the libraries the snippet uses, whatever way surefire built the
    // classpath.
    String classpath =
        Stream.of(
                KafkaProducer.class,
                ObjectMapper.class,
                JsonProcessingException.class,
                com.fasterxml.jackson.annotation.JsonProperty.class)
            .map(c -> location(c))
            .collect(Collectors.joining(File.pathSeparator));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int code =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            "-Xlint:all",
            "-Werror",
            "-proc:none",
            "-cp",
            classpath,
            "-d",
            dir.toString(),
            file.toString());
    assertThat(code).as(diagnostics.toString()).isZero();
    assertThat(dir.resolve(name.group(1) + ".class")).exists();
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
