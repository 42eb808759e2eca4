package dev.intunereset.worker.config;

import java.util.List;

/** The registry of every configuration key the worker reads; docs/configuration.md mirrors it. */
public final class ConfigKeys {
  /**
   * Any variable {@code KAFKA_CLIENT_<PROPERTY>} sets the Kafka client property {@code <property>}
   * (upper case, dots as underscores: {@code KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM})
   * on every client that knows it; see docs/configuration.md.
   */
  public static final String KAFKA_CLIENT_PREFIX = "KAFKA_CLIENT_";

  public static final ConfigKey CONFIG_FILE =
      key(
          "WORKER_CONFIG_FILE",
          "",
          "path",
          "Optional properties file with the same keys; environment variables win over it.");

  public static final ConfigKey KAFKA_BOOTSTRAP_SERVERS =
      key("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "host:port[,host:port]", "Kafka brokers.");
  public static final ConfigKey KAFKA_GROUP_ID =
      key(
          "KAFKA_GROUP_ID",
          "passcode-reset-worker",
          "non-empty",
          "Consumer group prefix; the intake, dispatch and completion loops append their role.");
  public static final ConfigKey KAFKA_SECURITY_PROTOCOL =
      key(
          "KAFKA_SECURITY_PROTOCOL",
          "PLAINTEXT",
          "PLAINTEXT | SSL | SASL_PLAINTEXT | SASL_SSL",
          "security.protocol of every Kafka client (producers, consumers, admin).");
  public static final ConfigKey KAFKA_SASL_MECHANISM =
      key(
          "KAFKA_SASL_MECHANISM",
          "",
          "PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512 | OAUTHBEARER",
          "SASL mechanism; required with SASL_PLAINTEXT and SASL_SSL.");
  public static final ConfigKey KAFKA_SASL_USERNAME =
      key(
          "KAFKA_SASL_USERNAME",
          "",
          "non-empty",
          "User of PLAIN or SCRAM; with KAFKA_SASL_PASSWORD the worker writes the JAAS line.");
  public static final ConfigKey KAFKA_SASL_PASSWORD =
      key("KAFKA_SASL_PASSWORD", "", "secret", "Password of KAFKA_SASL_USERNAME. Never logged.");
  public static final ConfigKey KAFKA_SASL_JAAS_CONFIG =
      key(
          "KAFKA_SASL_JAAS_CONFIG",
          "",
          "secret; a JAAS line",
          "sasl.jaas.config as is, instead of KAFKA_SASL_USERNAME/PASSWORD. Never logged.");
  public static final ConfigKey KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL =
      key(
          "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL",
          "",
          "https URL (http only for loopback)",
          "OAuth token endpoint (OAUTHBEARER, client credentials); the worker allows exactly this"
              + " URL in org.apache.kafka.sasl.oauthbearer.allowed.urls.");
  public static final ConfigKey KAFKA_SASL_OAUTHBEARER_CLIENT_ID =
      key("KAFKA_SASL_OAUTHBEARER_CLIENT_ID", "", "non-empty", "OAuth client id (OAUTHBEARER).");
  public static final ConfigKey KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET =
      key(
          "KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET",
          "",
          "secret",
          "OAuth client secret (OAUTHBEARER). Never logged.");
  public static final ConfigKey KAFKA_SASL_OAUTHBEARER_SCOPE =
      key("KAFKA_SASL_OAUTHBEARER_SCOPE", "", "scope", "OAuth scope requested (OAUTHBEARER).");
  public static final ConfigKey KAFKA_SSL_TRUSTSTORE_LOCATION =
      key(
          "KAFKA_SSL_TRUSTSTORE_LOCATION",
          "",
          "readable file",
          "Trust store of the brokers' CA (SSL, SASL_SSL); the JVM's CAs when empty.");
  public static final ConfigKey KAFKA_SSL_TRUSTSTORE_PASSWORD =
      key(
          "KAFKA_SSL_TRUSTSTORE_PASSWORD",
          "",
          "secret",
          "Password of the trust store. Never logged.");
  public static final ConfigKey KAFKA_SSL_TRUSTSTORE_TYPE =
      key(
          "KAFKA_SSL_TRUSTSTORE_TYPE",
          "",
          "JKS | PKCS12 | PEM",
          "Trust store format; empty means Kafka's default (JKS).");
  public static final ConfigKey KAFKA_SSL_KEYSTORE_LOCATION =
      key(
          "KAFKA_SSL_KEYSTORE_LOCATION",
          "",
          "readable file",
          "Key store with the client certificate, for brokers that require TLS client"
              + " authentication (mTLS).");
  public static final ConfigKey KAFKA_SSL_KEYSTORE_PASSWORD =
      key("KAFKA_SSL_KEYSTORE_PASSWORD", "", "secret", "Password of the key store. Never logged.");
  public static final ConfigKey KAFKA_SSL_KEYSTORE_TYPE =
      key(
          "KAFKA_SSL_KEYSTORE_TYPE",
          "",
          "JKS | PKCS12 | PEM",
          "Key store format; empty means Kafka's default (JKS).");
  public static final ConfigKey KAFKA_SSL_KEY_PASSWORD =
      key(
          "KAFKA_SSL_KEY_PASSWORD",
          "",
          "secret",
          "Password of the private key in the key store, when it differs. Never logged.");
  public static final ConfigKey WORKER_INSTANCE_ID =
      key(
          "WORKER_INSTANCE_ID",
          "$HOSTNAME",
          "[A-Za-z0-9._-]{1,64}",
          "Stable per replica: it names the transactional ids, so a restarted replica fences its"
              + " previous incarnation at once instead of waiting for the transaction timeout.");
  public static final ConfigKey TOPIC_REQUESTS =
      key("TOPIC_REQUESTS", "passcode-reset.requests", "topic name", "Reset requests topic.");
  public static final ConfigKey TOPIC_DEVICE_TASKS =
      key(
          "TOPIC_DEVICE_TASKS",
          "passcode-reset.device-tasks",
          "topic name",
          "Internal per-device task topic, keyed by device id.");
  public static final ConfigKey TOPIC_DEVICE_TASKS_INTERACTIVE =
      key(
          "TOPIC_DEVICE_TASKS_INTERACTIVE",
          "passcode-reset.device-tasks.interactive",
          "topic name",
          "Internal task topic of interactive requests, so they never queue behind a bulk backlog.");
  public static final ConfigKey TOPIC_RESULTS =
      key(
          "TOPIC_RESULTS",
          "passcode-reset.results",
          "topic name",
          "Outcome and request events, keyed by request id.");
  public static final ConfigKey TOPIC_REQUESTS_DLQ =
      key(
          "TOPIC_REQUESTS_DLQ",
          "passcode-reset.requests.dlq",
          "topic name",
          "Unusable request messages, with error headers.");
  public static final ConfigKey TOPIC_ACCEPTED_REQUESTS =
      key(
          "TOPIC_ACCEPTED_REQUESTS",
          "passcode-reset.requests.accepted",
          "topic name; compacted, same partition count as TOPIC_REQUESTS",
          "Internal log of accepted request ids, so a repeated requestId is never reset again.");

  public static final ConfigKey GRAPH_BASE_URL =
      key(
          "GRAPH_BASE_URL",
          "https://graph.microsoft.com/beta",
          "http(s) URL; plain http only for loopback",
          "Graph beta endpoint; the sandbox points it at the simulator.");
  public static final ConfigKey GRAPH_AUTH_MODE =
      key(
          "GRAPH_AUTH_MODE",
          "client-secret",
          "client-secret | client-certificate | managed-identity | workload-identity |"
              + " default-azure-credential | static-token",
          "How the worker gets Graph tokens (docs/security.md); static-token is for the simulator"
              + " only.");
  public static final ConfigKey AZURE_TENANT_ID =
      key(
          "AZURE_TENANT_ID",
          "",
          "GUID or domain",
          "Entra tenant: required for client-secret, client-certificate and workload-identity;"
              + " optional for default-azure-credential.");
  public static final ConfigKey AZURE_CLIENT_ID =
      key(
          "AZURE_CLIENT_ID",
          "",
          "GUID",
          "App registration client id (client-secret, client-certificate, workload-identity), or"
              + " the user-assigned identity's (managed-identity, default-azure-credential;"
              + " optional there).");
  public static final ConfigKey AZURE_CLIENT_SECRET =
      key("AZURE_CLIENT_SECRET", "", "secret", "Client secret (client-secret mode). Never logged.");
  public static final ConfigKey AZURE_CLIENT_CERTIFICATE_PATH =
      key(
          "AZURE_CLIENT_CERTIFICATE_PATH",
          "",
          "readable PEM or PFX file",
          "Certificate and private key (client-certificate mode): PEM with an unencrypted PKCS#8"
              + " key, or PFX; told apart by content.");
  public static final ConfigKey AZURE_CLIENT_CERTIFICATE_PASSWORD =
      key(
          "AZURE_CLIENT_CERTIFICATE_PASSWORD",
          "",
          "secret",
          "Password of a PFX client certificate. Never logged.");
  public static final ConfigKey AZURE_CLIENT_SEND_CERTIFICATE_CHAIN =
      key(
          "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN",
          "false",
          "true | false",
          "Send the certificate chain (x5c) with token requests: needed for subject name and"
              + " issuer authentication.");
  public static final ConfigKey AZURE_FEDERATED_TOKEN_FILE =
      key(
          "AZURE_FEDERATED_TOKEN_FILE",
          "",
          "readable file",
          "Projected service account token exchanged for Entra tokens (workload-identity mode);"
              + " the AKS workload identity webhook sets it.");
  public static final ConfigKey AZURE_AUTHORITY_HOST =
      key(
          "AZURE_AUTHORITY_HOST",
          "https://login.microsoftonline.com/",
          "https URL",
          "Entra authority; change for sovereign clouds. A host that is not a Microsoft cloud's is"
              + " used without instance discovery.");
  public static final ConfigKey HTTPS_TRUSTED_CA_FILE =
      key(
          "HTTPS_TRUSTED_CA_FILE",
          "",
          "readable file of PEM certificates",
          "CA certificates trusted besides the JVM's for HTTPS to Entra ID and Graph (a"
              + " TLS-inspecting proxy, a private authority).");
  public static final ConfigKey GRAPH_STATIC_TOKEN =
      key(
          "GRAPH_STATIC_TOKEN",
          "",
          "token",
          "Bearer token sent as-is (static-token mode, for the simulator). Never logged.");
  public static final ConfigKey GRAPH_CALL_TIMEOUT =
      key(
          "GRAPH_CALL_TIMEOUT",
          "30s",
          "1s..5m",
          "Timeout of one Graph HTTP call; a timeout counts as a transient failure.");

  public static final ConfigKey GRAPH_WRITE_BUDGET =
      key(
          "GRAPH_WRITE_BUDGET",
          "200",
          "2..100000",
          "POSTs allowed per budget window for this app in this tenant (Intune: 200 per 20 s).");
  public static final ConfigKey GRAPH_READ_BUDGET =
      key(
          "GRAPH_READ_BUDGET",
          "2000",
          "2..1000000",
          "Requests of any kind allowed per budget window (Intune: 2,000 per 20 s).");
  public static final ConfigKey GRAPH_BUDGET_WINDOW =
      key("GRAPH_BUDGET_WINDOW", "20s", "1s..1h", "The sliding window of both budgets.");

  public static final ConfigKey DISPATCH_CONCURRENCY =
      key(
          "DISPATCH_CONCURRENCY",
          "32",
          "1..1024",
          "Graph calls in flight at once (HTTP threads); latency x budget rate is the minimum.");
  public static final ConfigKey DISPATCH_MAX_IN_FLIGHT_PER_PARTITION =
      key(
          "DISPATCH_MAX_IN_FLIGHT_PER_PARTITION",
          "2000",
          "1..100000",
          "Tasks taken from one partition but not yet committed; the partition pauses above it.");
  public static final ConfigKey DISPATCH_MAX_ATTEMPTS =
      key(
          "DISPATCH_MAX_ATTEMPTS",
          "6",
          "1..50",
          "Attempts per Graph call for transient failures (429, 5xx, IO) before giving up.");
  public static final ConfigKey DISPATCH_RETRY_BASE_DELAY =
      key(
          "DISPATCH_RETRY_BASE_DELAY",
          "1s",
          "10ms..1m",
          "First backoff when Graph gives no Retry-After; doubles per attempt, with jitter.");
  public static final ConfigKey DISPATCH_RETRY_MAX_DELAY =
      key("DISPATCH_RETRY_MAX_DELAY", "60s", "100ms..10m", "Cap of one backoff or Retry-After.");

  public static final ConfigKey CIRCUIT_OPEN_DURATION =
      key(
          "CIRCUIT_OPEN_DURATION",
          "15s",
          "1s..10m",
          "How long Graph calls stop after a 5xx/timeout storm opens the breaker, before probes.");

  public static final ConfigKey RECONCILE_CLOCK_SKEW =
      key(
          "RECONCILE_CLOCK_SKEW",
          "2m",
          "0s..1h",
          "A resetPasscode action Graph shows as started up to this long before the request was"
              + " accepted (or the first POST sent) counts as ours: allowance for clock skew.");

  public static final ConfigKey REQUEST_MAX_DEVICES =
      key(
          "REQUEST_MAX_DEVICES",
          "10000",
          "1..1000000",
          "Most device ids one request may carry (after duplicates are folded).");
  public static final ConfigKey REQUEST_MAX_BYTES =
      key(
          "REQUEST_MAX_BYTES",
          "1048576",
          "1024..104857600",
          "Largest request message accepted; larger ones go to the DLQ.");
  public static final ConfigKey REQUEST_DEFAULT_TIMEOUT =
      key(
          "REQUEST_DEFAULT_TIMEOUT",
          "1h",
          "1s..REQUEST_MAX_TIMEOUT",
          "Deadline of a request that does not set timeout.");
  public static final ConfigKey REQUEST_MAX_TIMEOUT =
      key("REQUEST_MAX_TIMEOUT", "24h", "1s..7d", "Longest timeout a request may ask for.");
  public static final ConfigKey INTERACTIVE_MAX_DEVICES =
      key(
          "INTERACTIVE_MAX_DEVICES",
          "10",
          "1..1000",
          "Requests with at most this many devices are interactive; larger ones are bulk.");

  public static final ConfigKey PLATFORM_POLICY =
      key(
          "PLATFORM_POLICY",
          "android-enterprise,aosp,android-device-admin",
          "comma list of android-enterprise, aosp, android-device-admin, ios, ipados",
          "Platforms a reset is allowed on; others end UNSUPPORTED_PLATFORM (needs"
              + " validateDeviceExists). ios/ipados are opt-in: there the passcode is removed.");

  public static final ConfigKey TOPIC_APPROVALS =
      key(
          "TOPIC_APPROVALS",
          "passcode-reset.approvals",
          "topic name; same partition count as TOPIC_REQUESTS",
          "Approvals of held requests and releases of the fleet brake; restrict who may write it.");
  public static final ConfigKey TOPIC_BRAKE =
      key(
          "TOPIC_BRAKE",
          "passcode-reset.brake",
          "topic name; compacted, 1 partition",
          "Internal: the fleet brake's state, written by one replica and read by all.");
  public static final ConfigKey REQUEST_ALLOWED_SOURCES =
      key(
          "REQUEST_ALLOWED_SOURCES",
          "servicenow,sentinel-playbook,cli",
          "comma list of [A-Za-z0-9._-]{1,64}, or * for any",
          "The only request sources accepted; others, and requests without a source, are rejected"
              + " (SOURCE_NOT_ALLOWED). * accepts any source and logs a warning at startup.");
  public static final ConfigKey RESET_COOLDOWN =
      key(
          "RESET_COOLDOWN",
          "15m",
          "0s..24h, 0 = off",
          "A device Graph shows as reset within this long, by anyone, ends SKIPPED / RECENTLY_RESET"
              + " unless the request sets force; needs one GET per device.");
  public static final ConfigKey MASS_RESET_APPROVAL_THRESHOLD =
      key(
          "MASS_RESET_APPROVAL_THRESHOLD",
          "100",
          "0..1000000, 0 = off",
          "Requests with more devices than this from an untrusted source are held until a second"
              + " person approves them on TOPIC_APPROVALS.");
  public static final ConfigKey MASS_RESET_TRUSTED_SOURCES =
      key(
          "MASS_RESET_TRUSTED_SOURCES",
          "",
          "comma list of sources from REQUEST_ALLOWED_SOURCES",
          "Sources whose large requests need no approval, e.g. a SOAR pipeline with its own"
              + " two-person rule.");
  public static final ConfigKey APPROVAL_TIMEOUT =
      key(
          "APPROVAL_TIMEOUT",
          "1h",
          "10s..7d",
          "A held request not approved within this long is rejected (RequestExpired).");
  public static final ConfigKey FLEET_BRAKE_MAX_RESETS =
      key(
          "FLEET_BRAKE_MAX_RESETS",
          "1000",
          "0..1000000, 0 = off",
          "More resets than this within FLEET_BRAKE_WINDOW, across all replicas, engage the fleet"
              + " brake: bulk work is held until an operator releases it.");
  public static final ConfigKey FLEET_BRAKE_WINDOW =
      key("FLEET_BRAKE_WINDOW", "10m", "1m..24h", "The sliding window of FLEET_BRAKE_MAX_RESETS.");
  public static final ConfigKey PASSCODE_RECIPIENTS_FILE =
      key(
          "PASSCODE_RECIPIENTS_FILE",
          "",
          "path to a JWKS file, empty = none",
          "Public RSA keys (>= 2048 bits, kid = recipient name, no private parts) that a request's"
              + " passcodeDelivery.recipient may name; the new passcode is sealed to it as a JWE.");
  public static final ConfigKey PASSCODE_RETRIEVAL_TIMEOUT =
      key(
          "PASSCODE_RETRIEVAL_TIMEOUT",
          "10m",
          "10s..2h",
          "How long to wait for Graph to show the new passcode (the device must check in) before"
              + " the outcome says NOT_RETRIEVED.");
  public static final ConfigKey PASSCODE_POLL_INTERVAL =
      key(
          "PASSCODE_POLL_INTERVAL",
          "5s",
          "100ms..5m",
          "First wait before reading the passcode; each later read waits twice as long, up to 8x.");

  public static final ConfigKey LOG_FORMAT =
      key(
          "LOG_FORMAT",
          "json",
          "json | text",
          "json: one JSON object per line with requestId, deviceId and source; text: for humans.");
  public static final ConfigKey LOG_LEVEL =
      key(
          "LOG_LEVEL",
          "INFO",
          "TRACE | DEBUG | INFO | WARN | ERROR",
          "Level of the worker's own logs.");

  public static final ConfigKey OPS_HTTP_PORT =
      key(
          "OPS_HTTP_PORT",
          "8080",
          "0..65535, 0 = any free port",
          "Port of /metrics, /health/live and /health/ready.");

  public static final List<ConfigKey> ALL =
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
          REQUEST_ALLOWED_SOURCES,
          RESET_COOLDOWN,
          MASS_RESET_APPROVAL_THRESHOLD,
          MASS_RESET_TRUSTED_SOURCES,
          APPROVAL_TIMEOUT,
          FLEET_BRAKE_MAX_RESETS,
          FLEET_BRAKE_WINDOW,
          PASSCODE_RECIPIENTS_FILE,
          PASSCODE_RETRIEVAL_TIMEOUT,
          PASSCODE_POLL_INTERVAL,
          LOG_FORMAT,
          LOG_LEVEL,
          OPS_HTTP_PORT);

  private ConfigKeys() {}

  private static ConfigKey key(String name, String def, String range, String description) {
    return new ConfigKey(name, def, range, description);
  }
}
