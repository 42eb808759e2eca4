package dev.intunereset.cli;

import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.ApprovalDecision;
import dev.intunereset.contracts.ContractResources;
import dev.intunereset.contracts.ControlMessage;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code approve}: approve (or deny) a request the worker holds for a second person. */
@Command(
    name = "approve",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = PasscodeResetCli.Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Approve, or with --deny reject, a request the worker holds for approval (RequestHeld).",
      "Publishes an Approval to the approvals topic, keyed by the requestId. The approver must"
          + " not be the requester: the worker dead-letters a self-approval (SELF_APPROVAL) and"
          + " the request stays held. Follow the outcome with: passcode-reset watch REQUEST_ID",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published",
      "2:the approval is invalid (the problems are printed)",
      "4:Kafka could not be reached within --connect-timeout, access was denied, or publishing"
          + " failed",
      "64:bad flags"
    })
final class ApproveCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "REQUEST_ID",
      converter = WatchCommand.RequestIdConverter.class,
      description = "The held request's requestId.")
  UUID requestId;

  @Option(
      names = "--approver",
      required = true,
      paramLabel = "WHO",
      description = "Who decides (your user principal name); recorded in the result event.")
  String approver;

  @Option(names = "--deny", description = "Reject the request instead; no device is touched.")
  boolean deny;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for the audit trail.")
  String comment;

  @Mixin ApprovalsTopicOption approvals;

  @Mixin ConnectionOptions connection;

  ApproveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Logging.configure(connection.verbose);
    Approval message =
        new Approval(
            ControlMessage.CURRENT_SCHEMA_VERSION,
            requestId,
            deny ? ApprovalDecision.DENY : ApprovalDecision.APPROVE,
            approver,
            comment);
    ControlMessageSender.send(
        context, connection, ContractResources.APPROVAL_SCHEMA, approvals.topic, message);
    context
        .err()
        .println(
            (deny ? "denial" : "approval")
                + " of "
                + requestId
                + " published; follow it with: passcode-reset watch "
                + requestId);
    context.err().flush();
    return ExitCodes.OK;
  }
}
