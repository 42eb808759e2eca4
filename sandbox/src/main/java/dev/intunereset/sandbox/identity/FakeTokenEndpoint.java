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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 */
public final class FakeTokenEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FakeTokenEndpoint.class);

  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  static final String GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";
  private static final Pattern TOKEN_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token$");
  private static final int EXPIRES_IN = 3599;
  private static final long CLOCK_SKEW_SECONDS = 300;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC);

  /** One token request as the endpoint saw it, and how it answered. */
  public record TokenRequest(
      java.time.Instant at, String tenant, String clientId, int status, String errorCode) {
    public boolean succeeded() {
      return status == 200;
    }
  }

  private sealed interface Credential {}

  private record SecretCredential(byte[] secret) implements Credential {}

  private record CertificateCredential(X509Certificate certificate, String x5t)
      implements Credential {}

  private record FederatedCredential(byte[] assertion) implements Credential {}

  private record App(String tenant, String clientId, Credential credential) {}

  private final HttpsServer server;
  private final ExecutorService pool;
  private final Clock clock;
  private final Map<String, App> apps;
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeTokenEndpoint(Builder b) throws IOException, GeneralSecurityException {
    this.clock = b.clock;
    this.apps = Map.copyOf(b.apps);
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
    return issued.contains(accessToken);
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
    Verdict v = check(tenant, clientId, form, exchange);
    requests.add(new TokenRequest(clock.instant(), tenant, clientId, v.status(), v.error()));
    if (v.status() != 200) {
      send(exchange, v.status(), errorBody(v, correlation));
      return;
    }
    String token = "fake-entra-token." + randomId();
    issued.add(token);
    ObjectNode ok = json.createObjectNode();
    ok.put("token_type", "Bearer");
    ok.put("expires_in", EXPIRES_IN);
    ok.put("ext_expires_in", EXPIRES_IN);
    ok.put("access_token", token);
    send(exchange, 200, ok.toString());
  }

  /** 200, or Entra's status, OAuth error and AADSTS code and text. */
  private record Verdict(int status, String error, int aadsts, String description) {
    static final Verdict OK = new Verdict(200, null, 0, null);

    static Verdict invalidClient(int aadsts, String description) {
      return new Verdict(401, "invalid_client", aadsts, description);
    }

    static Verdict badRequest(String error, int aadsts, String description) {
      return new Verdict(400, error, aadsts, description);
    }
  }

  private Verdict check(
      String tenant, String clientId, Map<String, String> form, HttpExchange exchange) {
    if (apps.values().stream().noneMatch(a -> a.tenant().equals(tenant))) {
      return Verdict.badRequest(
          "invalid_request",
          90002,
          "Tenant '" + tenant + "' not found. Check to make sure you have the correct tenant ID.");
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return Verdict.badRequest(
          "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    }
    App app = apps.get(tenant + "/" + clientId);
    if (app == null) {
      return Verdict.badRequest(
          "unauthorized_client",
          700016,
          "Application with identifier '"
              + clientId
              + "' was not found in the directory '"
              + tenant
              + "'.");
    }
    String scope = form.getOrDefault("scope", "");
    if (!List.of(scope.split(" ")).contains(GRAPH_DEFAULT_SCOPE)) {
      return Verdict.badRequest(
          "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid.");
    }
    String secret = form.get("client_secret");
    String assertion = form.get("client_assertion");
    if (secret == null && assertion == null) {
      return Verdict.invalidClient(
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or"
              + " 'client_secret'.");
    }
    if (app.credential() instanceof SecretCredential s) {
      return secret != null && MessageDigest.isEqual(bytes(secret), s.secret())
          ? Verdict.OK
          : Verdict.invalidClient(
              7000215,
              "Invalid client secret provided. Ensure the secret being sent in the request is the"
                  + " client secret value, not the client secret ID, for a secret added to app '"
                  + clientId
                  + "'.");
    }
    if (!JWT_BEARER.equals(form.get("client_assertion_type")) || assertion == null) {
      return Verdict.invalidClient(
          700025,
          "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
    }
    if (app.credential() instanceof FederatedCredential f) {
      return MessageDigest.isEqual(bytes(assertion), f.assertion())
          ? Verdict.OK
          : Verdict.badRequest(
              "invalid_request",
              70021,
              "No matching federated identity record found for presented assertion.");
    }
    CertificateCredential c = (CertificateCredential) app.credential();
    String tokenUrl =
        "https://"
            + exchange.getRequestHeaders().getFirst("Host")
            + exchange.getRequestURI().getPath();
    return ClientAssertions.verify(
            assertion,
            c.certificate(),
            c.x5t(),
            clientId,
            tokenUrl,
            clock.instant(),
            CLOCK_SKEW_SECONDS)
        .map(problem -> Verdict.invalidClient(problem.aadsts(), problem.description()))
        .orElse(Verdict.OK);
  }

  private String errorBody(Verdict v, String correlation) {
    String now = TIMESTAMP.format(clock.instant());
    String trace = UUID.randomUUID().toString();
    ObjectNode body = json.createObjectNode();
    body.put("error", v.error());
    body.put(
        "error_description",
        "AADSTS"
            + v.aadsts()
            + ": "
            + v.description()
            + "\r\nTrace ID: "
            + trace
            + "\r\nCorrelation ID: "
            + correlation
            + "\r\nTimestamp: "
            + now);
    body.putArray("error_codes").add(v.aadsts());
    body.put("timestamp", now);
    body.put("trace_id", trace);
    body.put("correlation_id", correlation);
    body.put("error_uri", "https://login.microsoftonline.com/error?code=" + v.aadsts());
    return body.toString();
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
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
    private final Map<String, App> apps = new HashMap<>();

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
      return app(tenant, clientId, new SecretCredential(bytes(secret)));
    }

    /** An app registration with a certificate credential. */
    public Builder clientCertificate(String tenant, String clientId, X509Certificate certificate) {
      return app(
          tenant,
          clientId,
          new CertificateCredential(certificate, ClientAssertions.thumbprint(certificate)));
    }

    /** An app whose federated credential trusts exactly this assertion (a projected token). */
    public Builder federatedCredential(String tenant, String clientId, String assertion) {
      return app(tenant, clientId, new FederatedCredential(bytes(assertion)));
    }

    private Builder app(String tenant, String clientId, Credential credential) {
      apps.put(tenant + "/" + clientId, new App(tenant, clientId, credential));
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
