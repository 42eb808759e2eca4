package dev.intunereset.worker.graph;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import reactor.core.publisher.Mono;

/**
 * Keeps the Graph token and fetches a new one only when it is due, whatever credential is behind
 * it. Measured against a local Entra answering like the real one ({@code expires_in} 3599, no
 * {@code refresh_in}), azure-identity alone asked for a token on nearly every Graph call: the token
 * came back with a refresh time of 1970, which marks it due at once (see {@link #refreshAt}). So:
 *
 * <ul>
 *   <li>one token per scope set is kept until its refresh time ({@code refreshAt}, else five
 *       minutes before expiry), then one caller refreshes it while the others keep using it;
 *   <li>with no usable token, concurrent callers wait for the one fetch instead of each asking;
 *   <li>after a failed fetch, callers without a usable token get that failure again for a short
 *       cool-down instead of hammering Entra (which throttles, too) from every Graph call;
 *   <li>a failed refresh while the old token is still valid is not an error: the old one serves.
 * </ul>
 */
final class CachingCredential implements TokenCredential {
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
  static final Duration FAILURE_COOL_DOWN = Duration.ofSeconds(5);

  private record Entry(AccessToken token, Instant refreshAt) {}

  private record Failure(RuntimeException error, Instant at) {}

  private final TokenCredential delegate;
  private final Clock clock;
  private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final ReentrantLock fetching = new ReentrantLock();

  CachingCredential(TokenCredential delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromCallable(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    if (request.getClaims() != null) {
      // A claims challenge (continuous access evaluation) needs a fresh token by definition.
      return delegate.getTokenSync(request);
    }
    String key = key(request);
    Entry entry = tokens.get(key);
    if (entry != null && clock.instant().isBefore(entry.refreshAt())) {
      return entry.token();
    }
    if (usable(entry) && !fetching.tryLock()) {
      // Someone else is refreshing; the current token is still good meanwhile.
      return entry.token();
    }
    if (!fetching.isHeldByCurrentThread()) {
      fetching.lock();
    }
    try {
      entry = tokens.get(key);
      Instant now = clock.instant();
      if (entry != null && now.isBefore(entry.refreshAt())) {
        return entry.token();
      }
      Failure failure = failures.get(key);
      if (failure != null && now.isBefore(failure.at().plus(FAILURE_COOL_DOWN))) {
        if (usable(entry)) {
          return entry.token();
        }
        throw failure.error();
      }
      try {
        AccessToken fresh = delegate.getTokenSync(request);
        tokens.put(key, new Entry(fresh, refreshAt(fresh, clock.instant())));
        failures.remove(key);
        return fresh;
      } catch (RuntimeException e) {
        failures.put(key, new Failure(e, now));
        if (usable(entry)) {
          return entry.token();
        }
        throw e;
      }
    } finally {
      fetching.unlock();
    }
  }

  private boolean usable(Entry entry) {
    return entry != null && clock.instant().isBefore(entry.token().getExpiresAt().toInstant());
  }

  /**
   * The token's own refresh time when it has a sensible one, else five minutes before expiry. MSAL
   * reports a refresh time of 0 (1970) when Entra sent no {@code refresh_in}, as it does for
   * one-hour tokens; taken at face value that makes every call refresh.
   */
  static Instant refreshAt(AccessToken token, Instant now) {
    Instant expires = token.getExpiresAt().toInstant();
    Instant proactive = expires.minus(REFRESH_BEFORE_EXPIRY);
    if (token.getRefreshAt() != null) {
      Instant suggested = token.getRefreshAt().toInstant();
      if (suggested.isAfter(now) && suggested.isBefore(proactive)) {
        return suggested;
      }
    }
    return proactive;
  }

  private static String key(TokenRequestContext request) {
    return request.getTenantId() + "|" + String.join(" ", request.getScopes());
  }

  @Override
  public String toString() {
    return "CachingCredential[" + delegate.getClass().getSimpleName() + "]";
  }
}
