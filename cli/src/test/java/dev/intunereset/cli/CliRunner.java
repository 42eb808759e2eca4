package dev.intunereset.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the CLI in memory and keeps what it printed. */
final class CliRunner {
  final FakeTransport transport;
  final Map<String, String> env;
  boolean terminal;
  String stdin = "";
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  CliRunner(FakeTransport transport, Map<String, String> env) {
    this.transport = transport;
    this.env = env;
  }

  CliRunner(FakeTransport transport) {
    this(transport, Map.of());
  }

  CliContext context() {
    return new CliContext(
        env,
        transport,
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        terminal,
        transport.clock::get);
  }

  int run(String... args) {
    return PasscodeResetCli.run(args, context());
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
