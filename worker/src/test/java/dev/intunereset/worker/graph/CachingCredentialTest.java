package dev.intunereset.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CachingCredentialTest {
  private static final TokenRequestContext GRAPH =
      new TokenRequestContext().addScopes("https://graph.microsoft.com/.default");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final ScriptedCredential entra = new ScriptedCredential();
  private final CachingCredential cached = new CachingCredential(entra, clock);

  private AccessToken token(String value, Duration lifetime) {
    return new AccessToken(
        value, OffsetDateTime.ofInstant(clock.instant().plus(lifetime), ZoneOffset.UTC));
  }

  @Test
  void oneTokenServesEveryCallUntilItIsDue() {
    entra.next(token("t1", Duration.ofHours(1)));

    for (int i = 0; i < 1000; i++) {
      assertThat(cached.getTokenSync(GRAPH).getToken()).isEqualTo("t1");
      clock.advance(Duration.ofSeconds(3));
    }

    assertThat(entra.calls.get()).isEqualTo(1);
  }

  @Test
  void theTokenIsRefreshedFiveMinutesBeforeItExpires() {
    entra.next(token("t1", Duration.ofHours(1)));
    entra.next(token("t2", Duration.ofHours(2)));
    cached.getTokenSync(GRAPH);

    clock.advance(Duration.ofMinutes(54));
    assertThat(cached.getTokenSync(GRAPH).getToken()).isEqualTo("t1");
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(cached.getTokenSync(GRAPH).getToken()).isEqualTo("t2");

    assertThat(entra.calls.get()).isEqualTo(2);
  }

  @Test
  void aRefreshTimeInThePastIsIgnoredAsMsalReportsOneWhenEntraSentNone() {
    OffsetDateTime expires =
        OffsetDateTime.ofInstant(clock.instant().plusSeconds(3599), ZoneOffset.UTC);
    OffsetDateTime epoch = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
    entra.next(new AccessToken("t1", expires, epoch));

    for (int i = 0; i < 100; i++) {
      assertThat(cached.getTokenSync(GRAPH).getToken()).isEqualTo("t1");
    }

    assertThat(entra.calls.get()).isEqualTo(1);
  }

  @Test
  void aSensibleRefreshTimeOfTheTokenIsHonoured() {
    OffsetDateTime expires =
        OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofHours(24)), ZoneOffset.UTC);
    OffsetDateTime refresh =
        OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofHours(12)), ZoneOffset.UTC);
    entra.next(new AccessToken("t1", expires, refresh));
    entra.next(token("t2", Duration.ofHours(24)));
    cached.getTokenSync(GRAPH);

    clock.advance(Duration.ofHours(12).plusSeconds(1));

    assertThat(cached.getTokenSync(GRAPH).getToken()).isEqualTo("t2");
  }

  @Test
  void aFailedRefreshKeepsServingTheStillValidToken() {
    entra.next(token("t1", Duration.ofHours(1)));
    entra.fail(new IllegalStateException("AADSTS500011 temporarily unavailable"));
    cached.getTokenSync(GRAPH);
    clock.advance(Duration.ofMinutes(56));

    assertThat(cached.getTokenSync(GRAPH).getToken()).isEqualTo("t1");
  }

  @Test
  void afterAFailureCallersGetItAgainWithoutAskingEntraUntilTheCoolDownEnds() {
    IllegalStateException refused = new IllegalStateException("AADSTS7000215 invalid_client");
    entra.fail(refused);
    entra.next(token("t1", Duration.ofHours(1)));

    for (int i = 0; i < 50; i++) {
      assertThatThrownBy(() -> cached.getTokenSync(GRAPH)).isSameAs(refused);
    }
    assertThat(entra.calls.get()).isEqualTo(1);

    clock.advance(CachingCredential.FAILURE_COOL_DOWN);
    assertThat(cached.getTokenSync(GRAPH).getToken()).isEqualTo("t1");
    assertThat(entra.calls.get()).isEqualTo(2);
  }

  @Test
  void aClaimsChallengeAlwaysGoesToEntra() {
    entra.next(token("t1", Duration.ofHours(1)));
    entra.next(token("t2", Duration.ofHours(1)));
    cached.getTokenSync(GRAPH);

    TokenRequestContext challenge =
        new TokenRequestContext().addScopes("https://graph.microsoft.com/.default").setClaims("{}");

    assertThat(cached.getTokenSync(challenge).getToken()).isEqualTo("t2");
  }

  private static final class ScriptedCredential implements TokenCredential {
    final AtomicInteger calls = new AtomicInteger();
    private final Deque<Object> script = new ArrayDeque<>();

    void next(AccessToken token) {
      script.add(token);
    }

    void fail(RuntimeException e) {
      script.add(e);
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
      return Mono.fromCallable(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
      calls.incrementAndGet();
      Object next = script.poll();
      if (next instanceof RuntimeException e) {
        throw e;
      }
      return (AccessToken) next;
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
