package dev.intunereset.cli;

import dev.intunereset.contracts.Topics;
import picocli.CommandLine.Option;

/** The topic approve, release-brake and cancel publish to, so that all three name it alike. */
final class ApprovalsTopicOption {

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = Topics.APPROVALS,
      description = "Approvals topic. Default: ${DEFAULT-VALUE}.")
  String topic;
}
