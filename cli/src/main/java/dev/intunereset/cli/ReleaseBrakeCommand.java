package dev.intunereset.cli;

import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.ContractResources;
import dev.intunereset.contracts.ControlMessage;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release-brake}: release the fleet brake named by its brakeId. */
@Command(
    name = "release-brake",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = PasscodeResetCli.Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Release the fleet brake, which holds bulk resets after too many in its window.",
      "Publishes a BrakeRelease naming the brakeId of the BrakeEngaged event to the approvals"
          + " topic. A release naming any other brakeId is dead-lettered (BRAKE_NOT_ENGAGED), so a"
          + " stale command can never lift a later brake. Resets are counted afresh from the"
          + " release.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published",
      "2:the release is invalid (the problems are printed)",
      "4:Kafka could not be reached within --connect-timeout, access was denied, or publishing"
          + " failed",
      "64:bad flags"
    })
final class ReleaseBrakeCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "BRAKE_ID",
      converter = WatchCommand.RequestIdConverter.class,
      description = "The brakeId of the BrakeEngaged event.")
  UUID brakeId;

  @Option(
      names = "--released-by",
      required = true,
      paramLabel = "WHO",
      description = "Who releases it (your user principal name); recorded in BrakeReleased.")
  String releasedBy;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why the resets may go on, for the audit trail.")
  String reason;

  @Mixin ApprovalsTopicOption approvals;

  @Mixin ConnectionOptions connection;

  ReleaseBrakeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Logging.configure(connection.verbose);
    BrakeRelease message =
        new BrakeRelease(ControlMessage.CURRENT_SCHEMA_VERSION, brakeId, releasedBy, reason);
    ControlMessageSender.send(
        context, connection, ContractResources.BRAKE_RELEASE_SCHEMA, approvals.topic, message);
    context.err().println("release of brake " + brakeId + " published");
    context.err().flush();
    return ExitCodes.OK;
  }
}
