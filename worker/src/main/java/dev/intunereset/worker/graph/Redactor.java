package dev.intunereset.worker.graph;

import dev.intunereset.contracts.ResetRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Scrubs secrets out of error texts before they reach an event or a log: the configured secrets
 * themselves, and anything shaped like a bearer token or a JWT.
 */
final class Redactor {
  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  // Same set the request validator refuses: controls, line separators, bidi overrides.
  private static final Pattern UNSAFE = Pattern.compile(ResetRequest.UNSAFE_TEXT_CHARACTERS);
  private static final int MAX_LENGTH = 500;

  private final List<String> secrets;

  Redactor(List<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s.length() >= 4).toList();
  }

  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, "****");
    }
    out = BEARER.matcher(out).replaceAll("Bearer ****");
    out = JWT.matcher(out).replaceAll("****");
    out = UNSAFE.matcher(out).replaceAll(" ");
    return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out;
  }
}
