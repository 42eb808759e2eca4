package dev.intunereset.cli;

import dev.intunereset.contracts.Topics;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code watch}: follow one request's result events until it ends, or until it settles. */
@Command(
    name = "watch",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = PasscodeResetCli.Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Follow one request's results until it ends; the exit code tells how it ended.",
      "Reads the results topic read_committed, from the beginning, without a consumer group, and"
          + " prints each device outcome as it arrives, with progress: a bar redrawn in place on"
          + " a terminal, plain lines otherwise.",
      "With --until settled it goes on after RequestCompleted: the worker follows every device"
          + " whose reset (or key rotation) Intune accepted until the device shows a final state (DeviceSettled"
          + " each), then writes RequestSettled, where the watch ends.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:completed: no device failed or timed out; with --until settled, also every device it reset"
          + " settled DONE (or none was followed)",
      "1:completed with failures, or failed",
      "2:the worker rejected the request (the problems are printed)",
      "3:--timeout passed before the request completed (--until settled: before it settled)",
      "4:Kafka could not be reached within --connect-timeout, the topic is missing, or access was"
          + " denied",
      "5:the request was canceled (RequestCompleted CANCELED, or canceled while held)",
      "7:--until settled: the request completed, but a device it reset settled FAILED,"
          + " NOT_SUPPORTED, CANCELED or UNCONFIRMED (a request that failed or was canceled keeps"
          + " 1 or 5)",
      "64:bad flags"
    })
final class WatchCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "REQUEST_ID",
      converter = RequestIdConverter.class,
      description = "The requestId, as printed by submit.")
  UUID requestId;

  @Option(
      names = "--until",
      paramLabel = "completed|settled",
      defaultValue = "completed",
      converter = UntilConverter.class,
      description =
          "Where the watch ends: completed (RequestCompleted: Intune took the commands) or settled"
              + " (RequestSettled: each reset device applied it, or not). Default:"
              + " ${DEFAULT-VALUE}.")
  Until until;

  @Mixin FollowOptions follow;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = Topics.RESULTS,
      description = "Results topic. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Mixin ConnectionOptions connection;

  WatchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Logging.configure(connection.verbose);
    KafkaSettings settings = connection.resolve(context.env());
    try (Transport.ResultSource source =
        context.transport().results(settings, topic, requestId, context.err())) {
      WatchOutput output = follow.output(context);
      boolean settled = until == Until.SETTLED;
      RequestWatch watch = new RequestWatch(requestId, output, settled);
      WatchEnding ending = settled ? new SettleWatch(watch, requestId, output) : watch;
      return watch.run(source, follow.timeout, context.nanoClock(), topic, ending);
    }
  }

  /** The event that ends the watch. */
  enum Until {
    COMPLETED,
    SETTLED
  }

  /** Takes {@code completed} or {@code settled}, in any case. */
  static final class UntilConverter implements ITypeConverter<Until> {
    @Override
    public Until convert(String value) {
      try {
        return Until.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'" + value + "' is not where a watch ends: completed or settled");
      }
    }
  }

  /** Accepts only the canonical 8-4-4-4-12 form the contract uses, in any case. */
  static final class RequestIdConverter implements ITypeConverter<UUID> {
    private static final Pattern UUID_TEXT =
        Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public UUID convert(String value) {
      String v = value.strip();
      if (!UUID_TEXT.matcher(v).matches()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a requestId (a UUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427)");
      }
      return UUID.fromString(v);
    }
  }
}
