package dev.intunereset.sandbox;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code sandbox/run}: the quick-start demo and the long-running local stack. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description =
        "Runs the passcode reset worker against an embedded Kafka broker and a Graph simulator.",
    subcommands = {DemoCommand.class, UpCommand.class, ChaosCommand.class})
public final class SandboxCli implements Runnable {

  public static void main(String[] args) {
    int code = new CommandLine(new SandboxCli()).execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
