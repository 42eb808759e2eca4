package dev.intunereset.cli;

import dev.intunereset.contracts.Cancel;
import dev.intunereset.contracts.ControlMessage;
import dev.intunereset.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cancel}: stop one request, held or running, without touching the rest of the fleet. */
@Command(
    name = "cancel",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = PasscodeResetCli.Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Cancel one request: a held one ends at once, a running one calls no device it has not"
          + " started yet (those end SKIPPED, REQUEST_CANCELED); a reset already under way keeps"
          + " its outcome.",
      "Publishes a Cancel to the approvals topic, keyed by the requestId. With --wait, follows the"
          + " results topic until the worker answers: RequestCanceled (for a running request,"
          + " then its RequestCompleted CANCELED with the counts) or CancelRefused.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published; with --wait: the request was canceled",
      "2:the cancel is invalid (the problems are printed); nothing was published",
      "3:--wait: --timeout passed before the answer (or, for a running request, its RequestCompleted)",
      "4:Kafka could not be reached within --connect-timeout, the topic is missing, access was"
          + " denied, or publishing failed",
      "6:--wait: the worker refused the cancel (UNKNOWN_REQUEST, ALREADY_FINISHED or"
          + " ALREADY_CANCELED); nothing changed",
      "64:bad flags"
    })
final class CancelCommand implements Callable<Integer> {
  /** The contract's limits on the Cancel's texts, in characters (code points). */
  static final int MAX_CANCELED_BY = 256;

  static final int MAX_REASON = 1024;

  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "REQUEST_ID",
      converter = WatchCommand.RequestIdConverter.class,
      description = "The requestId of the request to cancel.")
  UUID requestId;

  @Option(
      names = "--canceled-by",
      required = true,
      paramLabel = "WHO",
      description = "Who cancels (your user principal name); recorded in the result events.")
  String canceledBy;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why, for the audit trail (an incident or ticket number).")
  String reason;

  @Option(
      names = "--wait",
      description =
          "Follow the results topic until the worker answers the cancel; --timeout and --json"
              + " below apply only with it.")
  boolean wait;

  @Mixin ApprovalsTopicOption approvals;

  @Option(
      names = "--results-topic",
      paramLabel = "TOPIC",
      defaultValue = Topics.RESULTS,
      description = "With --wait: results topic. Default: ${DEFAULT-VALUE}.")
  String resultsTopic;

  @Mixin FollowOptions follow;

  @Mixin ConnectionOptions connection;

  CancelCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Logging.configure(connection.verbose);
    if (!wait && (follow.timeout != null || follow.json)) {
      throw new ParameterException(spec.commandLine(), "--timeout and --json need --wait");
    }
    Cancel message =
        new Cancel(ControlMessage.CURRENT_SCHEMA_VERSION, requestId, canceledBy, reason);
    ControlMessageSender.refuseIf(violations(message));
    byte[] payload = ControlMessageSender.json(message);
    if (!wait) {
      ControlMessageSender.publish(context, connection, approvals.topic, message, payload);
      context
          .err()
          .println(
              "cancel of "
                  + requestId
                  + " published; add --wait for the worker's answer, or follow the request"
                  + " with: passcode-reset watch "
                  + requestId);
      context.err().flush();
      return ExitCodes.OK;
    }
    KafkaSettings settings = connection.resolve(context.env());
    // The reader opens first: if the results cannot be read, nothing is published either.
    try (Transport.ResultSource source =
        context.transport().results(settings, resultsTopic, requestId, context.err())) {
      ControlMessageSender.publish(context, connection, approvals.topic, message, payload);
      context.err().println("cancel of " + requestId + " published; waiting for the answer");
      context.err().flush();
      RequestWatch watch = new RequestWatch(requestId, follow.output(context));
      return watch.run(
          source,
          follow.timeout,
          context.nanoClock(),
          resultsTopic,
          new CancelWatch(watch, message));
    }
  }

  /**
   * The contract's rules for a Cancel's texts. The CLI checks them itself, so that a bad cancel is
   * refused here rather than dead-lettered by the worker.
   */
  static List<String> violations(Cancel cancel) {
    List<String> problems = new ArrayList<>();
    text("canceledBy", cancel.canceledBy(), MAX_CANCELED_BY, problems);
    text("reason", cancel.reason(), MAX_REASON, problems);
    return problems;
  }

  private static void text(String field, String value, int max, List<String> problems) {
    if (value.isBlank()) {
      problems.add(field + ": must not be blank");
    }
    int length = value.codePointCount(0, value.length());
    if (length > max) {
      problems.add(field + ": is " + length + " characters long; at most " + max + " are allowed");
    }
    if (HumanOutput.UNPRINTABLE.matcher(value).find()) {
      problems.add(
          field
              + ": must not contain control characters (line breaks, tabs) or bidirectional-text"
              + " controls");
    }
  }
}
