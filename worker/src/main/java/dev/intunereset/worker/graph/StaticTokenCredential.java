package dev.intunereset.worker.graph;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * Hands out one fixed bearer token, for the Graph simulator. It goes through the same
 * authentication provider as real credentials, so the sandbox exercises the production path.
 */
final class StaticTokenCredential implements TokenCredential {
  private final String token;

  StaticTokenCredential(String token) {
    this.token = token;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.just(getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    return new AccessToken(token, OffsetDateTime.now().plusYears(1));
  }

  @Override
  public String toString() {
    return "StaticTokenCredential[****]";
  }
}
