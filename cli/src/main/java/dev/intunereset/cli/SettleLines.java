package dev.intunereset.cli;

import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.RequestSettled;

/** The lines {@code watch} prints for people about settlement, after the request completed. */
final class SettleLines {

  private SettleLines() {}

  /** One device's settlement, numbered like the outcomes: {@code [settled 3/5] ...}. */
  static String device(DeviceSettled d, RequestWatch.Progress p) {
    String total = p.toSettle() == null ? "?" : p.toSettle().toString();
    String n = String.valueOf(p.settled().total());
    n = " ".repeat(Math.max(0, total.length() - n.length())) + n;
    String actionState = d.actionState() == null ? "-" : HumanOutput.printable(d.actionState());
    String errorCode = d.errorCode() == null ? "" : "errorCode " + d.errorCode() + "  ";
    return String.format(
            "[settled %s/%s] %s  %-13s  %-12s  %s%s",
            n,
            total,
            d.deviceId(),
            d.state(),
            actionState,
            errorCode,
            HumanOutput.printable(d.message()))
        .stripTrailing();
  }

  /**
   * The request's settlement, with every count, as {@link HumanOutput#completed} gives the
   * outcomes.
   */
  static String request(RequestSettled r) {
    if (!r.tracked()) {
      return "settled: not tracked (the request opted out, or the worker does not track it)";
    }
    if (r.devices() == 0) {
      return "settled: no device to follow (none was reset)";
    }
    RequestSettled.Counts n = r.counts();
    return String.format(
        "settled: %d %s - done %d, failed %d, not supported %d, canceled %d, unconfirmed %d",
        r.devices(),
        r.devices() == 1 ? "device" : "devices",
        n.done(),
        n.failed(),
        n.notSupported(),
        n.canceled(),
        n.unconfirmed());
  }

  /** How far settlement got, naming only the states seen: {@code settled 3/5: 2 done, 1 failed}. */
  static String progress(RequestWatch.Progress p) {
    RequestSettled.Counts n = p.settled();
    StringBuilder b =
        new StringBuilder("settled ")
            .append(n.total())
            .append('/')
            .append(p.toSettle() == null ? "?" : p.toSettle())
            .append(": ")
            .append(n.done())
            .append(" done");
    count(b, n.failed(), "failed");
    count(b, n.notSupported(), "not supported");
    count(b, n.canceled(), "canceled");
    count(b, n.unconfirmed(), "unconfirmed");
    return b.toString();
  }

  private static void count(StringBuilder b, int n, String state) {
    if (n > 0) {
      b.append(", ").append(n).append(' ').append(state);
    }
  }
}
