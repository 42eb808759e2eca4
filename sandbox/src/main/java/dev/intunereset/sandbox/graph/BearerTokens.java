package dev.intunereset.sandbox.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Which bearer tokens the simulator accepts; swappable at run time so a fake token endpoint's
 * issued tokens can replace the fixed set.
 */
final class BearerTokens {
  private static final String BEARER = "Bearer ";

  private final AtomicReference<Predicate<String>> check;

  BearerTokens(Set<String> acceptedTokens) {
    this.check = new AtomicReference<>(oneOf(acceptedTokens));
  }

  /** Constant-time comparison: cheap, and the habit is worth keeping even in a simulator. */
  private static Predicate<String> oneOf(Set<String> tokens) {
    List<byte[]> accepted = new ArrayList<>();
    for (String token : tokens) {
      accepted.add(token.getBytes(StandardCharsets.UTF_8));
    }
    return presented -> {
      byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
      boolean match = false;
      for (byte[] a : accepted) {
        match |= MessageDigest.isEqual(bytes, a);
      }
      return match;
    };
  }

  void accept(Predicate<String> check) {
    this.check.set(check);
  }

  /** Whether an Authorization header value is {@code Bearer <an accepted token>}. */
  boolean authenticates(String authorization) {
    if (authorization == null || authorization.length() < BEARER.length()) {
      return false;
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    return check.get().test(authorization.substring(BEARER.length()).trim());
  }
}
