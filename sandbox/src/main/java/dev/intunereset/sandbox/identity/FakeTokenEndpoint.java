package dev.intunereset.sandbox.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.intunereset.sandbox.http.HttpServerTuning;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Entra ID token endpoint over HTTPS: {@code POST /{tenant}/oauth2/v2.0/token}, client
 * credentials grant, for the registered apps only. It checks what Entra checks of each credential
 * and answers as Entra does:
 *
 * <ul>
 *   <li>client secret: the form's {@code client_secret};
 *   <li>client certificate: the {@code client_assertion} JWT, RS256-signed with the key of the
 *       registered certificate (found by its {@code x5t} thumbprint), {@code aud} the token URL,
 *       {@code iss} and {@code sub} the client id, within {@code nbf}..{@code exp};
 *   <li>federated credential (workload identity): the {@code client_assertion} must be the token
 *       the app's federated credential trusts.
 * </ul>
 *
 * <p>A good request gets {@code {"token_type":"Bearer","expires_in":3599,...,"access_token":...}}
 * with a fresh opaque token; a bad one gets Entra's error JSON ({@code invalid_client} with 401,
 * other errors with 400) with the AADSTS code in {@code error_description} and {@code error_codes}.
 * Every request is recorded; {@link #issued(String)} tells whether a token came from here, so the
 * Graph simulator can accept exactly those.
 *
 * <p>Each token is bound to the tenant of the URL it was asked at and to the app that asked ({@link
 * #issuedToken(String)}), as a real token's {@code tid} and {@code appid} are: a multi-tenant app
 * (the same client id registered in several tenants) gets a token per tenant, and the Graph
 * simulator serves each in its own tenant.
 */
public final class FakeTokenEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FakeTokenEndpoint.class);

  private static final Pattern TOKEN_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token$");
  private static final int EXPIRES_IN = 3599;

  /** Whom an issued token speaks for: the tenant it was asked for and the app that asked. */
  public record IssuedToken(String tenant, String clientId) {
    public IssuedToken {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(clientId, "clientId");
    }
  }

  /** One token request as the endpoint saw it, and how it answered. */
  public record TokenRequest(
      Instant at, String tenant, String clientId, int status, String errorCode) {
    public boolean succeeded() {
      return status == 200;
    }
  }

  private final HttpsServer server;
  private final ExecutorService pool;
  private final Clock clock;
  private final ClientCredentialsGrant grant;
  private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeTokenEndpoint(Builder b) throws IOException, GeneralSecurityException {
    this.clock = b.clock;
    this.grant = new ClientCredentialsGrant(b.apps);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(b.keyStore, b.keyStorePassword);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    this.pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "fake-token-endpoint");
              t.setDaemon(true);
              return t;
            });
    HttpServerTuning.noDelay();
    HttpsServer created = HttpsServer.create(new InetSocketAddress(b.host, b.port), 64);
    created.setHttpsConfigurator(new HttpsConfigurator(tls));
    created.setExecutor(pool);
    created.createContext("/", this::handle);
    created.start();
    this.server = created;
    log.info("Fake token endpoint listening on {}", authorityHost());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code https://127.0.0.1:PORT/}: the AZURE_AUTHORITY_HOST that points a worker here. */
  public String authorityHost() {
    return "https://"
        + server.getAddress().getHostString()
        + ":"
        + server.getAddress().getPort()
        + "/";
  }

  /** True if this endpoint issued the token. */
  public boolean issued(String accessToken) {
    return issued.containsKey(accessToken);
  }

  /** The tenant and app a token of this endpoint is bound to; empty for any other token. */
  public Optional<IssuedToken> issuedToken(String accessToken) {
    return Optional.ofNullable(issued.get(accessToken));
  }

  /** Every token request so far, in arrival order. */
  public List<TokenRequest> requests() {
    return List.copyOf(requests);
  }

  /** Tokens issued so far. */
  public int issuedCount() {
    return issued.size();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      answer(exchange);
    } catch (IOException | RuntimeException e) {
      log.error("fake token endpoint failed", e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    Matcher path = TOKEN_PATH.matcher(exchange.getRequestURI().getPath());
    if (!path.matches() || !exchange.getRequestMethod().equals("POST")) {
      send(exchange, 404, "{\"error\":\"not_found\"}");
      return;
    }
    String tenant = path.group(1);
    Map<String, String> form = form(exchange.getRequestBody());
    String clientId = form.getOrDefault("client_id", "");
    String correlation =
        Objects.requireNonNullElse(
            exchange.getRequestHeaders().getFirst("client-request-id"),
            UUID.randomUUID().toString());
    // Entra's token URL as the client addressed it: what a client assertion must name as aud.
    String tokenUrl =
        "https://"
            + exchange.getRequestHeaders().getFirst("Host")
            + exchange.getRequestURI().getPath();
    Instant now = clock.instant();
    Optional<EntraError> refusal = grant.check(tenant, form, tokenUrl, now);
    requests.add(
        new TokenRequest(
            now,
            tenant,
            clientId,
            refusal.map(EntraError::status).orElse(200),
            refusal.map(EntraError::error).orElse(null)));
    if (refusal.isPresent()) {
      send(exchange, refusal.get().status(), refusal.get().body(correlation, now));
      return;
    }
    String token = "fake-entra-token." + randomId();
    issued.put(token, new IssuedToken(tenant, clientId));
    ObjectNode ok = json.createObjectNode();
    ok.put("token_type", "Bearer");
    ok.put("expires_in", EXPIRES_IN);
    ok.put("ext_expires_in", EXPIRES_IN);
    ok.put("access_token", token);
    send(exchange, 200, ok.toString());
  }

  private static Map<String, String> form(InputStream in) throws IOException {
    String body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String randomId() {
    byte[] b = new byte[24];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Stops listening; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  /** Registers apps and TLS material; {@link #start()} listens. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private KeyStore keyStore;
    private char[] keyStorePassword;
    private Clock clock = Clock.systemUTC();
    private final Map<String, AppRegistration> apps = new HashMap<>();

    private Builder() {}

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** 0 picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The server's key and certificate (whose SAN must name the host) for TLS. */
    public Builder tls(KeyStore keyStore, char[] password) {
      this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
      this.keyStorePassword = password.clone();
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** An app registration with a client secret. */
    public Builder clientSecret(String tenant, String clientId, String secret) {
      return app(new AppRegistration(tenant, clientId, new AppRegistration.Secret(secret)));
    }

    /** An app registration with a certificate credential. */
    public Builder clientCertificate(String tenant, String clientId, X509Certificate certificate) {
      return app(
          new AppRegistration(tenant, clientId, new AppRegistration.Certificate(certificate)));
    }

    /** An app whose federated credential trusts exactly this assertion (a projected token). */
    public Builder federatedCredential(String tenant, String clientId, String assertion) {
      return app(new AppRegistration(tenant, clientId, new AppRegistration.Federated(assertion)));
    }

    private Builder app(AppRegistration app) {
      apps.put(app.key(), app);
      return this;
    }

    public FakeTokenEndpoint start() {
      if (keyStore == null) {
        throw new IllegalStateException("tls(keyStore, password) is required: Entra is HTTPS only");
      }
      try {
        return new FakeTokenEndpoint(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the fake token endpoint", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot set up TLS for the fake token endpoint", e);
      }
    }
  }
}
