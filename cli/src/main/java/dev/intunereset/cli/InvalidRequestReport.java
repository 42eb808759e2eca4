package dev.intunereset.cli;

import dev.intunereset.contracts.RequestParser;
import dev.intunereset.contracts.RequestRejected.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What {@code submit} prints on stderr about a request the contract's parser refused, pointing each
 * problem of a request built from flags at the flag to fix.
 */
final class InvalidRequestReport {

  /** Request fields settable by a flag, for pointing violations at the flag. */
  private static final Map<String, String> FLAG_OF_FIELD =
      Map.of(
          "requestId", "--request-id",
          "deviceIds", "--device/--devices-file",
          "requestedBy", "--requested-by",
          "reason", "--reason",
          "source", "--source",
          "timeout", "--timeout",
          "passcodeDelivery", "--deliver-passcode-to",
          "action", "--action");

  private InvalidRequestReport() {}

  /**
   * Prints why {@code rejected} was refused.
   *
   * @param file the {@code --file} the request came from ({@code -} for stdin), or {@code null}
   *     when it was built from flags
   */
  static void print(PrintWriter err, RequestParser.Rejected rejected, String file) {
    boolean fromFile = file != null;
    if (!rejected.fieldsChecked()) {
      String what = !fromFile ? "the request" : "-".equals(file) ? "stdin" : file;
      String problem = rejected.problems().get(0).problem();
      if (rejected.code().equals(RequestParser.MALFORMED_JSON)) {
        err.println(
            "error: "
                + what
                + " is not valid JSON: "
                + problem.replaceFirst("^not valid JSON: ", ""));
      } else {
        err.println("error: " + what + " is not a request: " + problem);
      }
    } else {
      List<Problem> problems = rejected.problems();
      err.printf(
          "error: the request is invalid (%d problem%s); nothing was published:%n",
          problems.size(), problems.size() == 1 ? "" : "s");
      for (Problem p : problems) {
        String head = p.field().replaceFirst("[\\[.].*$", "");
        String flag = fromFile ? null : FLAG_OF_FIELD.get(head);
        err.println(
            "  " + p.field() + (flag == null ? "" : " (" + flag + ")") + ": " + p.problem());
      }
    }
    err.flush();
  }
}
