package dev.intunereset.worker.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/** An absolute https URL; plain http too for a loopback host when {@code httpOnLoopback}. */
public record HttpsUrl(boolean httpOnLoopback) implements ValueType<URI> {
  static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  @Override
  public Optional<URI> parse(String text) {
    return uri(text).filter(this::schemeAllowed);
  }

  @Override
  public String range() {
    return httpOnLoopback ? "https URL; plain http only for loopback" : "https URL";
  }

  @Override
  public String problem(String text) {
    if (uri(text).isEmpty()) {
      return ValueType.super.problem(text);
    }
    String loopback = httpOnLoopback ? " (plain http only for localhost/127.0.0.1/::1)" : "";
    return "must be https" + loopback + ", got '" + ValueType.printable(text) + "'";
  }

  private boolean schemeAllowed(URI u) {
    return "https".equals(u.getScheme())
        || (httpOnLoopback && "http".equals(u.getScheme()) && LOOPBACK.contains(u.getHost()));
  }

  private static Optional<URI> uri(String text) {
    try {
      URI u = new URI(text);
      return u.getScheme() != null && u.getHost() != null ? Optional.of(u) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
