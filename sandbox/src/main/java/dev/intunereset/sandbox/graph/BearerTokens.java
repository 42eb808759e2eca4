package dev.intunereset.sandbox.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which bearer tokens the simulator accepts and whom each speaks for; swappable at run time so a
 * fake token endpoint's issued tokens can replace the fixed set. A token of a tenant the simulator
 * does not serve is no better than an unknown one.
 */
final class BearerTokens {
  private static final String BEARER = "Bearer ";

  private final AtomicReference<Function<String, Optional<GraphCaller>>> resolver;
  private final Predicate<String> servesTenant;

  /**
   * @param callers the fixed tokens, each with the tenant and app it speaks for
   * @param servesTenant whether a tenant id is one the simulator serves
   */
  BearerTokens(Map<String, GraphCaller> callers, Predicate<String> servesTenant) {
    this.resolver = new AtomicReference<>(fixed(callers));
    this.servesTenant = servesTenant;
  }

  /** Constant-time comparison: cheap, and the habit is worth keeping even in a simulator. */
  private static Function<String, Optional<GraphCaller>> fixed(Map<String, GraphCaller> callers) {
    List<byte[]> tokens = new ArrayList<>();
    List<GraphCaller> owners = new ArrayList<>();
    callers.forEach(
        (token, caller) -> {
          tokens.add(token.getBytes(StandardCharsets.UTF_8));
          owners.add(caller);
        });
    return presented -> {
      byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
      GraphCaller match = null;
      for (int i = 0; i < tokens.size(); i++) {
        if (MessageDigest.isEqual(bytes, tokens.get(i))) {
          match = owners.get(i);
        }
      }
      return Optional.ofNullable(match);
    };
  }

  /** Accepts the tokens {@code check} accepts, each speaking for {@code caller}. */
  void accept(Predicate<String> check, GraphCaller caller) {
    resolveWith(t -> check.test(t) ? Optional.of(caller) : Optional.empty());
  }

  void resolveWith(Function<String, Optional<GraphCaller>> resolver) {
    this.resolver.set(resolver);
  }

  /**
   * The caller an Authorization header value {@code Bearer <token>} speaks for; empty when the
   * token is not accepted or its tenant is not served.
   */
  Optional<GraphCaller> caller(String authorization) {
    if (authorization == null || authorization.length() < BEARER.length()) {
      return Optional.empty();
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    Optional<GraphCaller> caller =
        resolver.get().apply(authorization.substring(BEARER.length()).trim());
    return caller == null ? Optional.empty() : caller.filter(c -> servesTenant.test(c.tenantId()));
  }
}
