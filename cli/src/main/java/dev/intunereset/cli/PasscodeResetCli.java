package dev.intunereset.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code passcode-reset}: the integrator's command line for the passcode reset worker. */
@Command(
    name = "passcode-reset",
    mixinStandardHelpOptions = true,
    versionProvider = PasscodeResetCli.Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Submit Intune passcode reset (or BitLocker key rotation) requests to Kafka and watch their"
          + " results.",
      "",
      "  alias passcode-reset='java -jar passcode-reset-cli.jar'",
      "  id=$(passcode-reset submit --device GUID --requested-by WHO --reason TEXT)",
      "  passcode-reset watch \"$id\"",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Kafka: --bootstrap-servers, else $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092;"
          + " TLS/SASL through --kafka-property KEY=VALUE or --kafka-config FILE.",
      "Exit codes are listed in each command's --help; 64 means bad flags."
    })
public final class PasscodeResetCli {

  private PasscodeResetCli() {}

  public static void main(String[] args) {
    Charset charset =
        System.console() != null ? System.console().charset() : Charset.defaultCharset();
    PrintWriter out = new PrintWriter(System.out, false, charset);
    PrintWriter err = new PrintWriter(System.err, false, charset);
    int code =
        run(
            args,
            new CliContext(
                System.getenv(),
                new KafkaTransport(),
                out,
                err,
                System.in,
                System.console() != null,
                System::nanoTime));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
  static int run(String[] args, CliContext context) {
    CommandLine cli = commandLine(context);
    int code = cli.execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  /** The command tree, wired to {@code context}. */
  static CommandLine commandLine(CliContext context) {
    CommandLine cli = new CommandLine(new PasscodeResetCli());
    cli.addSubcommand(new SubmitCommand(context));
    cli.addSubcommand(new WatchCommand(context));
    cli.addSubcommand(new ApproveCommand(context));
    cli.addSubcommand(new ReleaseBrakeCommand(context));
    cli.addSubcommand(new CancelCommand(context));
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setParameterExceptionHandler(PasscodeResetCli::usageError);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> failure(e, commandLine, context.err()));
    return cli;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine c = e.getCommandLine();
    PrintWriter err = c.getErr();
    err.println(c.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int failure(Exception e, CommandLine commandLine, PrintWriter err) {
    boolean verbose =
        commandLine.getParseResult() != null
            && commandLine.getParseResult().hasMatchedOption("--verbose");
    String name = commandLine.getCommandSpec().qualifiedName();
    int code;
    if (e instanceof CliException c) {
      err.println(name + ": " + c.getMessage());
      code = c.exitCode();
    } else {
      err.println(name + ": internal error: " + e);
      code = ExitCodes.INTERNAL;
    }
    if (verbose || code == ExitCodes.INTERNAL) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** The version from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PasscodeResetCli.class.getPackage().getImplementationVersion();
      return new String[] {"passcode-reset " + (v == null ? "(development build)" : v)};
    }
  }
}
