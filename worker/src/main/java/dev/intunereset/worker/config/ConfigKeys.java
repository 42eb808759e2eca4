package dev.intunereset.worker.config;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.intunereset.worker.config.ValueType.AnyOr;
import dev.intunereset.worker.config.ValueType.Choice;
import dev.intunereset.worker.config.ValueType.CommaList;
import dev.intunereset.worker.config.ValueType.DurationRange;
import dev.intunereset.worker.config.ValueType.Guid;
import dev.intunereset.worker.config.ValueType.IntRange;
import dev.intunereset.worker.config.ValueType.Noted;
import dev.intunereset.worker.config.ValueType.SecretText;
import dev.intunereset.worker.config.ValueType.Text;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The registry of every configuration key the worker reads, each with its type, accepted range,
 * default and reason. {@link ConfigReader} checks values through these types alone, and the key
 * table of docs/configuration.md is generated from them.
 */
public final class ConfigKeys {
  private static final Text TOPIC = new Text("topic name", "[A-Za-z0-9._-]{1,249}");
  private static final Text SOURCE = new Text("", "[A-Za-z0-9._-]{1,64}");
  private static final Choice<String> STORE_TYPE = Choice.of("JKS", "PKCS12", "PEM");

  /**
   * Any variable {@code KAFKA_CLIENT_<PROPERTY>} sets the Kafka client property {@code <property>}
   * (upper case, dots as underscores: {@code KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM})
   * on every client that knows it; see docs/configuration.md.
   */
  public static final String KAFKA_CLIENT_PREFIX = "KAFKA_CLIENT_";

  public static final ConfigKey<Path> CONFIG_FILE =
      key(
          "WORKER_CONFIG_FILE",
          "",
          file("readable properties file"),
          "Optional properties file with the same keys; environment variables win over it.");

  public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS =
      key(
          "KAFKA_BOOTSTRAP_SERVERS",
          "localhost:9092",
          text("host:port[,host:port]", "[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
          "Kafka brokers.");
  public static final ConfigKey<String> KAFKA_GROUP_ID =
      key(
          "KAFKA_GROUP_ID",
          "passcode-reset-worker",
          text("", "[A-Za-z0-9._-]{1,200}"),
          "Consumer group prefix; the intake, dispatch and completion loops append their role.");
  public static final ConfigKey<String> KAFKA_SECURITY_PROTOCOL =
      key(
          "KAFKA_SECURITY_PROTOCOL",
          "PLAINTEXT",
          Choice.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
          "security.protocol of every Kafka client (producers, consumers, admin).");
  public static final ConfigKey<String> KAFKA_SASL_MECHANISM =
      key(
          "KAFKA_SASL_MECHANISM",
          "",
          Choice.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"),
          "SASL mechanism; required with SASL_PLAINTEXT and SASL_SSL.");
  public static final ConfigKey<String> KAFKA_SASL_USERNAME =
      key(
          "KAFKA_SASL_USERNAME",
          "",
          anyText("non-empty"),
          "User of PLAIN or SCRAM; with KAFKA_SASL_PASSWORD the worker writes the JAAS line.");
  public static final ConfigKey<Secret> KAFKA_SASL_PASSWORD =
      key("KAFKA_SASL_PASSWORD", "", secret(""), "Password of KAFKA_SASL_USERNAME. Never logged.");
  public static final ConfigKey<Secret> KAFKA_SASL_JAAS_CONFIG =
      key(
          "KAFKA_SASL_JAAS_CONFIG",
          "",
          secret("a JAAS line"),
          "sasl.jaas.config as is, instead of KAFKA_SASL_USERNAME/PASSWORD. Never logged.");
  public static final ConfigKey<URI> KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL =
      key(
          "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL",
          "",
          new HttpsUrl(true),
          "OAuth token endpoint (OAUTHBEARER, client credentials); the worker allows exactly this"
              + " URL in org.apache.kafka.sasl.oauthbearer.allowed.urls.");
  public static final ConfigKey<String> KAFKA_SASL_OAUTHBEARER_CLIENT_ID =
      key(
          "KAFKA_SASL_OAUTHBEARER_CLIENT_ID",
          "",
          anyText("non-empty"),
          "OAuth client id (OAUTHBEARER).");
  public static final ConfigKey<Secret> KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET =
      key(
          "KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET",
          "",
          secret(""),
          "OAuth client secret (OAUTHBEARER). Never logged.");
  public static final ConfigKey<String> KAFKA_SASL_OAUTHBEARER_SCOPE =
      key(
          "KAFKA_SASL_OAUTHBEARER_SCOPE",
          "",
          anyText("scope"),
          "OAuth scope requested (OAUTHBEARER).");
  public static final ConfigKey<Path> KAFKA_SSL_TRUSTSTORE_LOCATION =
      key(
          "KAFKA_SSL_TRUSTSTORE_LOCATION",
          "",
          file("readable file"),
          "Trust store of the brokers' CA (SSL, SASL_SSL); the JVM's CAs when empty.");
  public static final ConfigKey<Secret> KAFKA_SSL_TRUSTSTORE_PASSWORD =
      key(
          "KAFKA_SSL_TRUSTSTORE_PASSWORD",
          "",
          secret(""),
          "Password of the trust store. Never logged.");
  public static final ConfigKey<String> KAFKA_SSL_TRUSTSTORE_TYPE =
      key(
          "KAFKA_SSL_TRUSTSTORE_TYPE",
          "",
          STORE_TYPE,
          "Trust store format; empty means Kafka's default (JKS).");
  public static final ConfigKey<Path> KAFKA_SSL_KEYSTORE_LOCATION =
      key(
          "KAFKA_SSL_KEYSTORE_LOCATION",
          "",
          file("readable file"),
          "Key store with the client certificate, for brokers that require TLS client"
              + " authentication (mTLS).");
  public static final ConfigKey<Secret> KAFKA_SSL_KEYSTORE_PASSWORD =
      key(
          "KAFKA_SSL_KEYSTORE_PASSWORD",
          "",
          secret(""),
          "Password of the key store. Never logged.");
  public static final ConfigKey<String> KAFKA_SSL_KEYSTORE_TYPE =
      key(
          "KAFKA_SSL_KEYSTORE_TYPE",
          "",
          STORE_TYPE,
          "Key store format; empty means Kafka's default (JKS).");
  public static final ConfigKey<Secret> KAFKA_SSL_KEY_PASSWORD =
      key(
          "KAFKA_SSL_KEY_PASSWORD",
          "",
          secret(""),
          "Password of the private key in the key store, when it differs. Never logged.");
  public static final ConfigKey<String> WORKER_INSTANCE_ID =
      key(
          "WORKER_INSTANCE_ID",
          "$HOSTNAME",
          text("", "[A-Za-z0-9._-]{1,64}"),
          "Stable per replica: it names the transactional ids, so a restarted replica fences its"
              + " previous incarnation at once instead of waiting for the transaction timeout.");
  public static final ConfigKey<String> TOPIC_REQUESTS =
      key("TOPIC_REQUESTS", "passcode-reset.requests", TOPIC, "Reset requests topic.");
  public static final ConfigKey<String> TOPIC_DEVICE_TASKS =
      key(
          "TOPIC_DEVICE_TASKS",
          "passcode-reset.device-tasks",
          TOPIC,
          "Internal per-device task topic, keyed by device id.");
  public static final ConfigKey<String> TOPIC_DEVICE_TASKS_INTERACTIVE =
      key(
          "TOPIC_DEVICE_TASKS_INTERACTIVE",
          "passcode-reset.device-tasks.interactive",
          TOPIC,
          "Internal task topic of interactive requests, so they never queue behind a bulk backlog.");
  public static final ConfigKey<String> TOPIC_RESULTS =
      key(
          "TOPIC_RESULTS",
          "passcode-reset.results",
          TOPIC,
          "Outcome and request events, keyed by request id.");
  public static final ConfigKey<String> TOPIC_REQUESTS_DLQ =
      key(
          "TOPIC_REQUESTS_DLQ",
          "passcode-reset.requests.dlq",
          TOPIC,
          "Unusable request messages, with error headers.");
  public static final ConfigKey<String> TOPIC_ACCEPTED_REQUESTS =
      key(
          "TOPIC_ACCEPTED_REQUESTS",
          "passcode-reset.requests.accepted",
          new Noted<>(TOPIC, "compacted, same partition count as TOPIC_REQUESTS"),
          "Internal log of accepted request ids, so a repeated requestId is never reset again.");

  public static final ConfigKey<URI> GRAPH_BASE_URL =
      key(
          "GRAPH_BASE_URL",
          "https://graph.microsoft.com/beta",
          new HttpsUrl(true),
          "Graph beta endpoint. The token scope follows its host: graph.microsoft.us,"
              + " dod-graph.microsoft.us and microsoftgraph.chinacloudapi.cn for the national"
              + " clouds (with AZURE_AUTHORITY_HOST), graph.microsoft.com otherwise; the sandbox"
              + " points it at the simulator.");
  public static final ConfigKey<String> GRAPH_AUTH_MODE =
      key(
          "GRAPH_AUTH_MODE",
          "client-secret",
          Choice.of(
              "client-secret",
              "client-certificate",
              "managed-identity",
              "workload-identity",
              "default-azure-credential",
              "static-token"),
          "How the worker gets Graph tokens (docs/security.md); static-token is for the simulator"
              + " only.");
  public static final ConfigKey<String> AZURE_TENANT_ID =
      key(
          "AZURE_TENANT_ID",
          "",
          text("GUID or domain", "[A-Za-z0-9][A-Za-z0-9.-]{0,252}"),
          "Entra tenant: required for client-secret, client-certificate and workload-identity;"
              + " optional for default-azure-credential.");
  public static final ConfigKey<String> AZURE_CLIENT_ID =
      key(
          "AZURE_CLIENT_ID",
          "",
          new Guid(),
          "App registration client id (client-secret, client-certificate, workload-identity), or"
              + " the user-assigned identity's (managed-identity, default-azure-credential;"
              + " optional there).");
  public static final ConfigKey<Secret> AZURE_CLIENT_SECRET =
      key(
          "AZURE_CLIENT_SECRET",
          "",
          secret(""),
          "Client secret (client-secret mode). Never logged.");
  public static final ConfigKey<Path> AZURE_CLIENT_CERTIFICATE_PATH =
      key(
          "AZURE_CLIENT_CERTIFICATE_PATH",
          "",
          file("readable PEM or PFX file"),
          "Certificate and private key (client-certificate mode): PEM with an unencrypted PKCS#8"
              + " key, or PFX; told apart by content.");
  public static final ConfigKey<Secret> AZURE_CLIENT_CERTIFICATE_PASSWORD =
      key(
          "AZURE_CLIENT_CERTIFICATE_PASSWORD",
          "",
          secret(""),
          "Password of a PFX client certificate. Never logged.");
  public static final ConfigKey<Boolean> AZURE_CLIENT_SEND_CERTIFICATE_CHAIN =
      key(
          "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN",
          "false",
          Choice.flag(),
          "Send the certificate chain (x5c) with token requests: needed for subject name and"
              + " issuer authentication.");
  public static final ConfigKey<Path> AZURE_FEDERATED_TOKEN_FILE =
      key(
          "AZURE_FEDERATED_TOKEN_FILE",
          "",
          file("readable file"),
          "Projected service account token exchanged for Entra tokens (workload-identity mode);"
              + " the AKS workload identity webhook sets it.");
  public static final ConfigKey<URI> AZURE_AUTHORITY_HOST =
      key(
          "AZURE_AUTHORITY_HOST",
          "https://login.microsoftonline.com/",
          new HttpsUrl(false),
          "Entra authority; change for sovereign clouds. A host that is not a Microsoft cloud's is"
              + " used without instance discovery.");
  public static final ConfigKey<Path> HTTPS_TRUSTED_CA_FILE =
      key(
          "HTTPS_TRUSTED_CA_FILE",
          "",
          file("readable file of PEM certificates"),
          "CA certificates trusted besides the JVM's for HTTPS to Entra ID and Graph (a"
              + " TLS-inspecting proxy, a private authority).");
  public static final ConfigKey<Secret> GRAPH_STATIC_TOKEN =
      key(
          "GRAPH_STATIC_TOKEN",
          "",
          secret("a bearer token"),
          "Bearer token sent as-is (static-token mode, for the simulator). Never logged.");
  public static final ConfigKey<Duration> GRAPH_CALL_TIMEOUT =
      key(
          "GRAPH_CALL_TIMEOUT",
          "30s",
          durations(ofSeconds(1), ofMinutes(5)),
          "Timeout of one Graph HTTP call; a timeout counts as a transient failure.");

  public static final ConfigKey<Integer> GRAPH_WRITE_BUDGET =
      key(
          "GRAPH_WRITE_BUDGET",
          "200",
          ints(2, 100_000),
          "POSTs allowed per budget window for this app in this tenant (Intune: 200 per 20 s).");
  public static final ConfigKey<Integer> GRAPH_READ_BUDGET =
      key(
          "GRAPH_READ_BUDGET",
          "2000",
          ints(2, 1_000_000),
          "Requests of any kind allowed per budget window (Intune: 2,000 per 20 s).");
  public static final ConfigKey<Duration> GRAPH_BUDGET_WINDOW =
      key(
          "GRAPH_BUDGET_WINDOW",
          "20s",
          durations(ofSeconds(1), ofHours(1)),
          "The sliding window of both budgets.");

  public static final ConfigKey<Integer> DISPATCH_CONCURRENCY =
      key(
          "DISPATCH_CONCURRENCY",
          "32",
          ints(1, 1024),
          "Graph calls in flight at once (HTTP threads); latency x budget rate is the minimum.");
  public static final ConfigKey<Integer> DISPATCH_MAX_IN_FLIGHT_PER_PARTITION =
      key(
          "DISPATCH_MAX_IN_FLIGHT_PER_PARTITION",
          "2000",
          ints(1, 100_000),
          "Tasks taken from one partition but not yet committed; the partition pauses above it.");
  public static final ConfigKey<Integer> DISPATCH_MAX_ATTEMPTS =
      key(
          "DISPATCH_MAX_ATTEMPTS",
          "6",
          ints(1, 50),
          "Attempts per Graph call for transient failures (429, 5xx, IO) before giving up.");
  public static final ConfigKey<Duration> DISPATCH_RETRY_BASE_DELAY =
      key(
          "DISPATCH_RETRY_BASE_DELAY",
          "1s",
          durations(ofMillis(10), ofMinutes(1)),
          "First backoff when Graph gives no Retry-After; doubles per attempt, with jitter.");
  public static final ConfigKey<Duration> DISPATCH_RETRY_MAX_DELAY =
      key(
          "DISPATCH_RETRY_MAX_DELAY",
          "60s",
          durations(ofMillis(100), ofMinutes(10)),
          "Cap of one backoff or Retry-After.");

  public static final ConfigKey<Duration> CIRCUIT_OPEN_DURATION =
      key(
          "CIRCUIT_OPEN_DURATION",
          "15s",
          durations(ofSeconds(1), ofMinutes(10)),
          "How long Graph calls stop after a 5xx/timeout storm opens the breaker, before probes.");

  public static final ConfigKey<Duration> RECONCILE_CLOCK_SKEW =
      key(
          "RECONCILE_CLOCK_SKEW",
          "2m",
          durations(ZERO, ofHours(1)),
          "A resetPasscode action Graph shows as started up to this long before the request was"
              + " accepted (or the first POST sent) counts as ours: allowance for clock skew.");

  public static final ConfigKey<Integer> REQUEST_MAX_DEVICES =
      key(
          "REQUEST_MAX_DEVICES",
          "10000",
          ints(1, 1_000_000),
          "Most device ids one request may carry (after duplicates are folded).");
  public static final ConfigKey<Integer> REQUEST_MAX_BYTES =
      key(
          "REQUEST_MAX_BYTES",
          "1048576",
          ints(1024, 100 * 1024 * 1024),
          "Largest request message accepted; larger ones go to the DLQ.");
  // Declared before REQUEST_DEFAULT_TIMEOUT, whose range it bounds.
  public static final ConfigKey<Duration> REQUEST_MAX_TIMEOUT =
      key(
          "REQUEST_MAX_TIMEOUT",
          "24h",
          durations(ofSeconds(1), ofDays(7)),
          "Longest timeout a request may ask for.");
  public static final ConfigKey<Duration> REQUEST_DEFAULT_TIMEOUT =
      key(
          "REQUEST_DEFAULT_TIMEOUT",
          "1h",
          DurationRange.upTo(ofSeconds(1), REQUEST_MAX_TIMEOUT),
          "Deadline of a request that does not set timeout.");
  public static final ConfigKey<Integer> INTERACTIVE_MAX_DEVICES =
      key(
          "INTERACTIVE_MAX_DEVICES",
          "10",
          ints(1, 1000),
          "Requests with at most this many devices are interactive; larger ones are bulk.");

  public static final ConfigKey<List<Platform>> PLATFORM_POLICY =
      key(
          "PLATFORM_POLICY",
          "android-enterprise,aosp,android-device-admin",
          new CommaList<>(Choice.ofEnum(Platform.values(), Platform::configValue), false),
          "Platforms a reset is allowed on; others end UNSUPPORTED_PLATFORM (needs"
              + " validateDeviceExists). ios/ipados are opt-in: there the passcode is removed.");

  public static final ConfigKey<String> TOPIC_APPROVALS =
      key(
          "TOPIC_APPROVALS",
          "passcode-reset.approvals",
          new Noted<>(TOPIC, "same partition count as TOPIC_REQUESTS"),
          "Approvals and cancels of requests and releases of the fleet brake; restrict who may write"
              + " it.");
  public static final ConfigKey<String> TOPIC_BRAKE =
      key(
          "TOPIC_BRAKE",
          "passcode-reset.brake",
          new Noted<>(TOPIC, "compacted, 1 partition"),
          "Internal: the fleet brake's state, written by one replica and read by all.");
  public static final ConfigKey<String> TOPIC_CANCELLATIONS =
      key(
          "TOPIC_CANCELLATIONS",
          "passcode-reset.cancellations",
          new Noted<>(TOPIC, "compacted and deleted, retention at least REQUEST_MAX_TIMEOUT"),
          "Internal: the cancels of running requests, written by the intake and read in full by"
              + " every dispatcher.");
  public static final ConfigKey<String> TOPIC_EXPANSIONS =
      key(
          "TOPIC_EXPANSIONS",
          "passcode-reset.expansions",
          new Noted<>(TOPIC, "as many partitions as TOPIC_REQUESTS"),
          "Internal: what expanding a request's targets found, written by the dispatcher for the"
              + " intake that owns the request.");
  public static final ConfigKey<Optional<List<String>>> REQUEST_ALLOWED_SOURCES =
      key(
          "REQUEST_ALLOWED_SOURCES",
          "servicenow,sentinel-playbook,cli",
          new AnyOr<>("*", new CommaList<>(SOURCE, false)),
          "The only request sources accepted; others, and requests without a source, are rejected"
              + " (SOURCE_NOT_ALLOWED). * accepts any source and logs a warning at startup.");
  public static final ConfigKey<Duration> RESET_COOLDOWN =
      key(
          "RESET_COOLDOWN",
          "15m",
          durations(ZERO, ofHours(24)).zeroMeans("off"),
          "A device Graph shows as reset within this long, by anyone, ends SKIPPED / RECENTLY_RESET"
              + " unless the request sets force; needs one GET per device.");
  public static final ConfigKey<Duration> STALE_DEVICE_AFTER =
      key(
          "STALE_DEVICE_AFTER",
          "720h",
          durations(ZERO, ofDays(365)).zeroMeans("off"),
          "A validated device whose last check-in (lastSyncDateTime) is older than this ends"
              + " SKIPPED / STALE_DEVICE unless the request sets force: its reset would only wait.");
  public static final ConfigKey<Duration> SETTLE_TIMEOUT =
      key(
          "SETTLE_TIMEOUT",
          "24h",
          durations(ZERO, ofHours(72)).zeroMeans("off: no device is followed"),
          "How long a device whose reset Graph accepted is followed to its final action state"
              + " (DeviceSettled) before it settles UNCONFIRMED; a request's settleTimeout wins.");
  public static final ConfigKey<Duration> SETTLE_FIRST_CHECK =
      key(
          "SETTLE_FIRST_CHECK",
          "1m",
          durations(ofMillis(100), ofHours(1)),
          "When a followed device is first read after its reset was accepted; the wait doubles"
              + " after each read that finds the action still pending.");
  public static final ConfigKey<Duration> SETTLE_MAX_CHECK_INTERVAL =
      key(
          "SETTLE_MAX_CHECK_INTERVAL",
          "60m",
          durations(ofMillis(100), ofHours(24)),
          "Longest wait between two reads of a followed device, so an offline device costs at"
              + " most one GET per this long.");
  public static final ConfigKey<Integer> MASS_RESET_APPROVAL_THRESHOLD =
      key(
          "MASS_RESET_APPROVAL_THRESHOLD",
          "100",
          ints(0, 1_000_000).zeroMeans("off"),
          "Requests with more devices than this from an untrusted source are held until a second"
              + " person approves them on TOPIC_APPROVALS.");
  public static final ConfigKey<Integer> ROTATION_APPROVAL_THRESHOLD =
      key(
          "ROTATION_APPROVAL_THRESHOLD",
          "100",
          ints(0, 1_000_000).zeroMeans("off"),
          "The same for requests with action rotateBitLockerKeys, counted apart from passcode"
              + " resets: more devices than this from an untrusted source wait for approval.");
  public static final ConfigKey<Duration> ROTATION_COOLDOWN =
      key(
          "ROTATION_COOLDOWN",
          "15m",
          durations(ZERO, ofHours(24)).zeroMeans("off"),
          "A device Graph shows with a BitLocker key rotation within this long, by anyone, ends"
              + " SKIPPED / RECENTLY_RESET unless the request sets force; passcode resets do not"
              + " count, RESET_COOLDOWN is theirs.");
  public static final ConfigKey<List<String>> MASS_RESET_TRUSTED_SOURCES =
      key(
          "MASS_RESET_TRUSTED_SOURCES",
          "",
          new Noted<>(new CommaList<>(SOURCE, true), "each in REQUEST_ALLOWED_SOURCES"),
          "Sources whose large requests need no approval, e.g. a SOAR pipeline with its own"
              + " two-person rule.");
  public static final ConfigKey<Duration> APPROVAL_TIMEOUT =
      key(
          "APPROVAL_TIMEOUT",
          "1h",
          durations(ofSeconds(10), ofDays(7)),
          "A held request not approved within this long is rejected (RequestExpired).");
  public static final ConfigKey<Integer> FLEET_BRAKE_MAX_RESETS =
      key(
          "FLEET_BRAKE_MAX_RESETS",
          "1000",
          ints(0, 1_000_000).zeroMeans("off"),
          "More resets than this within FLEET_BRAKE_WINDOW, across all replicas, engage the fleet"
              + " brake of passcode resets: their bulk work is held until an operator releases it.");
  public static final ConfigKey<Duration> FLEET_BRAKE_WINDOW =
      key(
          "FLEET_BRAKE_WINDOW",
          "10m",
          durations(ofMinutes(1), ofHours(24)),
          "The sliding window of FLEET_BRAKE_MAX_RESETS and FLEET_BRAKE_MAX_ROTATIONS.");
  public static final ConfigKey<Integer> FLEET_BRAKE_MAX_ROTATIONS =
      key(
          "FLEET_BRAKE_MAX_ROTATIONS",
          "1000",
          ints(0, 1_000_000).zeroMeans("off"),
          "The same for BitLocker key rotations, counted apart from passcode resets: more"
              + " rotations than this within FLEET_BRAKE_WINDOW hold bulk rotations only.");
  public static final ConfigKey<Path> PASSCODE_RECIPIENTS_FILE =
      key(
          "PASSCODE_RECIPIENTS_FILE",
          "",
          file("readable JWKS file"),
          "Public RSA keys (>= 2048 bits, kid = recipient name, no private parts) that a request's"
              + " passcodeDelivery.recipient may name; the new passcode is sealed to it as a JWE.");
  public static final ConfigKey<Duration> PASSCODE_RETRIEVAL_TIMEOUT =
      key(
          "PASSCODE_RETRIEVAL_TIMEOUT",
          "10m",
          durations(ofSeconds(10), ofHours(2)),
          "How long to wait for Graph to show the new passcode (the device must check in) before"
              + " the outcome says NOT_RETRIEVED.");
  public static final ConfigKey<Duration> PASSCODE_POLL_INTERVAL =
      key(
          "PASSCODE_POLL_INTERVAL",
          "5s",
          durations(ofMillis(100), ofMinutes(5)),
          "First wait before reading the passcode; each later read waits twice as long, up to 8x.");

  public static final ConfigKey<String> LOG_FORMAT =
      key(
          "LOG_FORMAT",
          "json",
          Choice.of("json", "text"),
          "json: one JSON object per line with requestId, deviceId and source; text: for humans.");
  public static final ConfigKey<String> LOG_LEVEL =
      key(
          "LOG_LEVEL",
          "INFO",
          Choice.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
          "Level of the worker's own logs.");

  public static final ConfigKey<Integer> OPS_HTTP_PORT =
      key(
          "OPS_HTTP_PORT",
          "8080",
          ints(0, 65_535).zeroMeans("any free port"),
          "Port of /metrics, /health/live and /health/ready.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          CONFIG_FILE,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_GROUP_ID,
          KAFKA_SECURITY_PROTOCOL,
          KAFKA_SASL_MECHANISM,
          KAFKA_SASL_USERNAME,
          KAFKA_SASL_PASSWORD,
          KAFKA_SASL_JAAS_CONFIG,
          KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL,
          KAFKA_SASL_OAUTHBEARER_CLIENT_ID,
          KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET,
          KAFKA_SASL_OAUTHBEARER_SCOPE,
          KAFKA_SSL_TRUSTSTORE_LOCATION,
          KAFKA_SSL_TRUSTSTORE_PASSWORD,
          KAFKA_SSL_TRUSTSTORE_TYPE,
          KAFKA_SSL_KEYSTORE_LOCATION,
          KAFKA_SSL_KEYSTORE_PASSWORD,
          KAFKA_SSL_KEYSTORE_TYPE,
          KAFKA_SSL_KEY_PASSWORD,
          WORKER_INSTANCE_ID,
          TOPIC_REQUESTS,
          TOPIC_DEVICE_TASKS,
          TOPIC_DEVICE_TASKS_INTERACTIVE,
          TOPIC_RESULTS,
          TOPIC_REQUESTS_DLQ,
          TOPIC_ACCEPTED_REQUESTS,
          GRAPH_BASE_URL,
          GRAPH_AUTH_MODE,
          AZURE_TENANT_ID,
          AZURE_CLIENT_ID,
          AZURE_CLIENT_SECRET,
          AZURE_CLIENT_CERTIFICATE_PATH,
          AZURE_CLIENT_CERTIFICATE_PASSWORD,
          AZURE_CLIENT_SEND_CERTIFICATE_CHAIN,
          AZURE_FEDERATED_TOKEN_FILE,
          AZURE_AUTHORITY_HOST,
          HTTPS_TRUSTED_CA_FILE,
          GRAPH_STATIC_TOKEN,
          GRAPH_CALL_TIMEOUT,
          GRAPH_WRITE_BUDGET,
          GRAPH_READ_BUDGET,
          GRAPH_BUDGET_WINDOW,
          DISPATCH_CONCURRENCY,
          DISPATCH_MAX_IN_FLIGHT_PER_PARTITION,
          DISPATCH_MAX_ATTEMPTS,
          DISPATCH_RETRY_BASE_DELAY,
          DISPATCH_RETRY_MAX_DELAY,
          CIRCUIT_OPEN_DURATION,
          RECONCILE_CLOCK_SKEW,
          REQUEST_MAX_DEVICES,
          REQUEST_MAX_BYTES,
          REQUEST_DEFAULT_TIMEOUT,
          REQUEST_MAX_TIMEOUT,
          INTERACTIVE_MAX_DEVICES,
          PLATFORM_POLICY,
          TOPIC_APPROVALS,
          TOPIC_BRAKE,
          TOPIC_CANCELLATIONS,
          TOPIC_EXPANSIONS,
          REQUEST_ALLOWED_SOURCES,
          RESET_COOLDOWN,
          STALE_DEVICE_AFTER,
          SETTLE_TIMEOUT,
          SETTLE_FIRST_CHECK,
          SETTLE_MAX_CHECK_INTERVAL,
          MASS_RESET_APPROVAL_THRESHOLD,
          ROTATION_APPROVAL_THRESHOLD,
          ROTATION_COOLDOWN,
          MASS_RESET_TRUSTED_SOURCES,
          APPROVAL_TIMEOUT,
          FLEET_BRAKE_MAX_RESETS,
          FLEET_BRAKE_WINDOW,
          FLEET_BRAKE_MAX_ROTATIONS,
          PASSCODE_RECIPIENTS_FILE,
          PASSCODE_RETRIEVAL_TIMEOUT,
          PASSCODE_POLL_INTERVAL,
          LOG_FORMAT,
          LOG_LEVEL,
          OPS_HTTP_PORT);

  private ConfigKeys() {}

  private static <T> ConfigKey<T> key(
      String name, String def, ValueType<T> type, String description) {
    return new ConfigKey<>(name, def, type, description);
  }

  private static IntRange ints(int min, int max) {
    return new IntRange(min, max, "");
  }

  private static DurationRange durations(Duration min, Duration max) {
    return new DurationRange(min, max, null, "");
  }

  private static Text text(String label, String pattern) {
    return new Text(label, pattern);
  }

  /** Any value: a blank one counts as unset. */
  private static Text anyText(String label) {
    return new Text(label, "(?s).+");
  }

  private static SecretText secret(String label) {
    return new SecretText(label);
  }

  private static ReadableFile file(String label) {
    return new ReadableFile(label);
  }
}
