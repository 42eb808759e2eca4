package dev.intunereset.cli;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.CancelReceived;
import dev.intunereset.contracts.CancelRefused;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestApproved;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestDenied;
import dev.intunereset.contracts.RequestExpired;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code watch} for people: one line per event on stdout; on a terminal, a progress bar below them
 * that is redrawn in place.
 */
final class HumanOutput implements WatchOutput {
  /** Characters that could break a line or reorder or hide what a terminal shows. */
  static final Pattern UNPRINTABLE =
      Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]+");

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private int barLength;
  private String settleTimeout;

  HumanOutput(PrintWriter out, PrintWriter err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void event(Transport.Received received, RequestWatch.Progress progress) {
    ResultEvent event = received.event();
    List<String> lines = new ArrayList<>();
    boolean bar = true;
    if (event instanceof RequestHeld h) {
      lines.add(held(h));
      bar = false;
    } else if (event instanceof RequestApproved a) {
      lines.add("approved by " + printable(a.approvedBy()) + comment(a.comment()));
    } else if (event instanceof RequestDenied d) {
      lines.add("denied by " + printable(d.deniedBy()) + comment(d.comment()));
      bar = false;
    } else if (event instanceof RequestExpired x) {
      lines.add("expired: nobody approved it by " + x.expiredAt());
      bar = false;
    } else if (event instanceof RequestAccepted a) {
      lines.add(accepted(a));
      settleTimeout = a.settleTimeout();
    } else if (event instanceof DeviceOutcome o) {
      lines.add(outcome(o, progress));
    } else if (event instanceof RequestRejected r) {
      if (progress.accepted() || duplicateWhileHeld(r)) {
        lines.add(
            "note: a duplicate copy of this request was rejected ("
                + r.problems().stream().map(HumanOutput::problem).collect(Collectors.joining("; "))
                + "); the accepted request goes on");
      } else {
        lines.addAll(rejected(r));
        bar = false;
      }
    } else if (event instanceof RequestCompleted c) {
      lines.add(completed(c));
      bar = false;
    } else if (event instanceof DeviceSettled d) {
      lines.add(SettleLines.device(d, progress));
    } else if (event instanceof RequestSettled r) {
      lines.add(SettleLines.request(r));
      bar = false;
    } else if (event instanceof CancelReceived r) {
      lines.add(
          "cancel received from "
              + printable(r.canceledBy())
              + comment(r.reason())
              + "; devices not started yet will be skipped");
    } else if (event instanceof RequestCanceled c) {
      lines.add(canceled(c));
      bar = !c.wasHeld();
    } else if (event instanceof CancelRefused r) {
      lines.add(
          "cancel by "
              + printable(r.canceledBy())
              + " refused: "
              + r.refusal()
              + comment(r.message()));
    }
    clearBar();
    lines.forEach(out::println);
    if (bar && terminal) {
      drawBar(progress);
    }
    out.flush();
  }

  @Override
  public void settling(RequestWatch.Progress progress) {
    if (progress.toSettle() == null || progress.toSettle() == 0) {
      return; // its RequestSettled follows at once and says why
    }
    clearBar();
    out.println(
        "settling: following "
            + progress.toSettle()
            + (progress.toSettle() == 1 ? " device" : " devices")
            + " until Intune shows each one's final state"
            + (settleTimeout == null ? "" : ", at most " + settleTimeout));
    if (terminal) {
      drawBar(progress);
    }
    out.flush();
  }

  @Override
  public void waiting(UUID requestId, String topic) {
    clearBar();
    out.flush();
    err.println(waitingNote(requestId, topic));
    err.flush();
  }

  @Override
  public void timedOut(Duration timeout, RequestWatch.Progress progress) {
    clearBar();
    out.flush();
    err.println(timeoutNote(timeout, progress));
    err.flush();
  }

  @Override
  public void finish() {
    clearBar();
    out.flush();
  }

  static String waitingNote(UUID requestId, String topic) {
    return "waiting: no events for "
        + requestId
        + " on "
        + topic
        + " yet (has it been submitted? is the worker running?)";
  }

  static String timeoutNote(Duration timeout, RequestWatch.Progress p) {
    String state =
        p.toSettle() != null
            ? "completed, " + SettleLines.progress(p)
            : !p.accepted() && p.done() == 0
                ? "no event for the request yet"
                : p.done() + "/" + (p.total() == null ? "?" : p.total()) + " devices done";
    return "timed out after " + Durations.format(timeout) + ": " + state;
  }

  static String held(RequestHeld h) {
    return "held for approval: "
        + h.deviceCount()
        + " devices"
        + (Action.orDefault(h.action()) == Action.RESET_PASSCODE
            ? ""
            : " (" + h.action().graphName() + ")")
        + " is over the threshold of "
        + h.approvalThreshold()
        + "; someone other than "
        + printable(h.requestedBy())
        + " must approve it (passcode-reset approve "
        + h.requestId()
        + " --approver WHO) by "
        + h.expiresAt();
  }

  /**
   * {@code ", rotateBitLockerKeys"} for an action other than a passcode reset, else nothing: the
   * lines of passcode resets read as they did before requests named their action.
   */
  static String actionPart(Action action) {
    Action a = Action.orDefault(action);
    return a == Action.RESET_PASSCODE ? "" : ", " + a.graphName();
  }

  private static String comment(String comment) {
    return comment == null ? "" : ": " + printable(comment);
  }

  /** A copy of a held request turned away as a duplicate names the held one. */
  private static boolean duplicateWhileHeld(RequestRejected r) {
    return r.problems().stream()
        .anyMatch(
            p -> p.field().equals("requestId") && p.problem().contains("waiting for approval"));
  }

  static String accepted(RequestAccepted a) {
    StringBuilder b =
        new StringBuilder("accepted: ")
            .append(a.deviceCount())
            .append(a.deviceCount() == 1 ? " device" : " devices");
    if (a.duplicatesFolded() > 0) {
      b.append(" (").append(a.duplicatesFolded()).append(" duplicate id(s) folded)");
    }
    b.append(actionPart(a.action()));
    b.append(", lane ").append(a.lane()).append(", deadline ").append(a.deadline());
    if (a.dryRun()) {
      b.append(", DRY RUN");
    }
    b.append(a.ignorePartialFailures() ? ", ignoring partial failures" : ", all or nothing");
    return b.toString();
  }

  static String outcome(DeviceOutcome o, RequestWatch.Progress p) {
    String total = p.total() == null ? "?" : p.total().toString();
    String done = String.valueOf(p.done());
    done = " ".repeat(Math.max(0, total.length() - done.length())) + done;
    // A rotation sets no passcode, so its line has no passcode part even if an event carried one.
    String passcode =
        o.passcode() == null || Action.orDefault(o.action()) != Action.RESET_PASSCODE
            ? ""
            : "  (passcode "
                + o.passcode().status()
                + (o.passcode().recipient() == null ? "" : " for " + o.passcode().recipient())
                + ")";
    return String.format(
            "[%s/%s] %s  %-9s  %-20s  %s%s",
            done, total, o.deviceId(), o.status(), o.reasonCode(), printable(o.message()), passcode)
        .stripTrailing();
  }

  static List<String> rejected(RequestRejected r) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "rejected: "
            + r.problems().size()
            + (r.problems().size() == 1 ? " problem" : " problems")
            + "; no device was touched");
    r.problems().forEach(p -> lines.add("  " + problem(p)));
    return lines;
  }

  static String canceled(RequestCanceled c) {
    return "canceled by "
        + printable(c.canceledBy())
        + comment(c.reason())
        + (c.wasHeld()
            ? "; it was held for approval, no device was touched"
            : "; no device is called from " + c.canceledAt() + " on");
  }

  static String completed(RequestCompleted c) {
    RequestCompleted.Counts n = c.counts();
    return String.format(
        "completed: %s - succeeded %d, failed %d, skipped %d, timed out %d",
        c.status(), n.succeeded(), n.failed(), n.skipped(), n.timedOut());
  }

  private static String problem(RequestRejected.Problem p) {
    return printable(p.field()) + ": " + printable(p.problem());
  }

  /** Keeps a message on one line and keeps terminal control sequences out of it. */
  static String printable(String s) {
    return s == null ? "" : UNPRINTABLE.matcher(s).replaceAll(" ").strip();
  }

  private void drawBar(RequestWatch.Progress progress) {
    String bar =
        progress.toSettle() == null
            ? ProgressBar.render(progress.done(), progress.total(), ProgressBar.DEFAULT_WIDTH)
            : "settled "
                + ProgressBar.render(
                    progress.settled().total(), progress.toSettle(), ProgressBar.DEFAULT_WIDTH);
    out.print("\r" + bar);
    barLength = bar.length();
  }

  private void clearBar() {
    if (barLength > 0) {
      out.print("\r" + " ".repeat(barLength) + "\r");
      barLength = 0;
    }
  }
}
