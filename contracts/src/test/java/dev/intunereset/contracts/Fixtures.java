package dev.intunereset.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared mappers, resource access and fully populated sample records for the contract tests. */
final class Fixtures {

  /** Configured the way producers are expected to configure theirs. */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  static final ObjectMapper YAML = new YAMLMapper();

  private static final JsonSchemaFactory SCHEMA_FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  // Draft 2020-12 treats "format" as an annotation; we want uuid and date-time enforced.
  private static final SchemaValidatorsConfig SCHEMA_CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  /** The schema an example must satisfy and the record it deserializes into. */
  private record Contract(String schema, Class<?> record) {}

  /** Example file name prefix (before the first dot) to its contract. */
  private static final Map<String, Contract> CONTRACT_BY_EXAMPLE_PREFIX =
      Map.ofEntries(
          contract("reset-request", ContractResources.RESET_REQUEST_SCHEMA, ResetRequest.class),
          contract("device-outcome", ContractResources.DEVICE_OUTCOME_SCHEMA, DeviceOutcome.class),
          contract(
              "request-accepted", ContractResources.REQUEST_ACCEPTED_SCHEMA, RequestAccepted.class),
          contract(
              "request-rejected", ContractResources.REQUEST_REJECTED_SCHEMA, RequestRejected.class),
          contract(
              "request-completed",
              ContractResources.REQUEST_COMPLETED_SCHEMA,
              RequestCompleted.class),
          contract("request-held", ContractResources.REQUEST_HELD_SCHEMA, RequestHeld.class),
          contract(
              "request-approved", ContractResources.REQUEST_APPROVED_SCHEMA, RequestApproved.class),
          contract("request-denied", ContractResources.REQUEST_DENIED_SCHEMA, RequestDenied.class),
          contract(
              "request-expired", ContractResources.REQUEST_EXPIRED_SCHEMA, RequestExpired.class),
          contract("brake-engaged", ContractResources.BRAKE_ENGAGED_SCHEMA, BrakeEngaged.class),
          contract("brake-released", ContractResources.BRAKE_RELEASED_SCHEMA, BrakeReleased.class),
          contract("approval", ContractResources.APPROVAL_SCHEMA, Approval.class),
          contract("brake-release", ContractResources.BRAKE_RELEASE_SCHEMA, BrakeRelease.class),
          contract("cancel", ContractResources.CANCEL_SCHEMA, Cancel.class),
          contract(
              "cancel-received", ContractResources.CANCEL_RECEIVED_SCHEMA, CancelReceived.class),
          contract("cancel-applied", ContractResources.CANCEL_APPLIED_SCHEMA, CancelApplied.class),
          contract("cancel-refused", ContractResources.CANCEL_REFUSED_SCHEMA, CancelRefused.class),
          contract(
              "request-canceled", ContractResources.REQUEST_CANCELED_SCHEMA, RequestCanceled.class),
          contract("device-settled", ContractResources.DEVICE_SETTLED_SCHEMA, DeviceSettled.class),
          contract(
              "request-settled", ContractResources.REQUEST_SETTLED_SCHEMA, RequestSettled.class),
          contract(
              "request-expanded",
              ContractResources.REQUEST_EXPANDED_SCHEMA,
              RequestExpanded.class));

  /** Example file name prefix (before the first dot) to the schema it must satisfy. */
  static final Map<String, String> SCHEMA_BY_EXAMPLE_PREFIX =
      CONTRACT_BY_EXAMPLE_PREFIX.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().schema()));

  /** Example file name prefix to the record it deserializes into. */
  static final Map<String, Class<?>> RECORD_BY_EXAMPLE_PREFIX =
      CONTRACT_BY_EXAMPLE_PREFIX.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().record()));

  private static Map.Entry<String, Contract> contract(
      String prefix, String schema, Class<?> record) {
    return Map.entry(prefix, new Contract(schema, record));
  }

  /** The supertype a message of this record type is read as, proving its type routing. */
  static Class<?> readAs(Class<?> recordType) {
    if (recordType == ResetRequest.class) {
      return ResetRequest.class;
    }
    return ControlMessage.class.isAssignableFrom(recordType)
        ? ControlMessage.class
        : ResultEvent.class;
  }

  static final UUID REQUEST_ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  static final String DEVICE_ID = "12345678-1234-1234-1234-123456789abc";
  static final Instant ACCEPTED_AT = Instant.parse("2025-03-14T09:26:53.589Z");
  static final Instant STARTED_AT = Instant.parse("2025-03-14T09:26:54Z");
  static final Instant COMPLETED_AT = Instant.parse("2025-03-14T09:26:55Z");
  static final Instant DEADLINE = Instant.parse("2025-03-14T09:36:53.589Z");

  private Fixtures() {}

  static JsonNode readJsonResource(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readYamlResource(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resolves a classpath folder to a path; resources are a plain folder under Maven. */
  static Path resourcePath(String resource) {
    URL url = Fixtures.class.getResource(resource);
    if (url == null) {
      throw new IllegalArgumentException("no resource " + resource);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> exampleFiles() {
    try (Stream<Path> files = Files.list(resourcePath(ContractResources.EXAMPLES_DIR))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> schemaResources() {
    return SCHEMA_BY_EXAMPLE_PREFIX.values().stream().sorted().toList();
  }

  static String examplePrefix(Path example) {
    String name = example.getFileName().toString();
    return name.substring(0, name.indexOf('.'));
  }

  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonSchema schema(String resource) {
    return SCHEMAS.computeIfAbsent(
        resource, r -> SCHEMA_FACTORY.getSchema(readJsonResource(r), SCHEMA_CONFIG));
  }

  static Set<ValidationMessage> validate(String schemaResource, JsonNode document) {
    return schema(schemaResource).validate(document);
  }

  /** A schema given inline (such as one of the AsyncAPI document's own), with formats asserted. */
  static JsonSchema inlineSchema(JsonNode schema) {
    return SCHEMA_FACTORY.getSchema(schema, SCHEMA_CONFIG);
  }

  /** The single-device request of the design brief (and of reset-request.single.json). */
  static ResetRequest designBriefRequest() {
    return new ResetRequest(
        ResetRequest.CURRENT_SCHEMA_VERSION,
        REQUEST_ID,
        List.of(DEVICE_ID),
        "helpdesk-agent@contoso.com",
        "INC0012345: user locked out after failed attempts",
        "servicenow",
        false,
        true,
        "10m",
        false,
        false,
        null);
  }

  /** Every field set. */
  static ResetRequest fullResetRequest() {
    ResetRequest r = designBriefRequest();
    return new ResetRequest(
        r.schemaVersion(),
        r.requestId(),
        r.deviceIds(),
        r.requestedBy(),
        r.reason(),
        r.source(),
        r.ignorePartialFailures(),
        r.validateDeviceExists(),
        r.timeout(),
        r.dryRun(),
        true,
        new PasscodeDelivery("servicenow"),
        false,
        "48h",
        Action.RESET_PASSCODE,
        fullTargets(),
        25);
  }

  static final UUID GROUP_ID = UUID.fromString("5d1f0e2c-8a4b-4c6d-9e7f-1a2b3c4d5e6f");

  /** One selector of every kind. */
  static Targets fullTargets() {
    return new Targets(
        List.of("alice@contoso.com"),
        List.of(GROUP_ID),
        List.of("KIOSK-LOBBY-01"),
        List.of("R58N12ABCDE"),
        "operatingSystem eq 'Android'");
  }

  static DeviceOutcome fullDeviceOutcome() {
    return new DeviceOutcome(
        new RequestRef(
                REQUEST_ID, "helpdesk-agent@contoso.com", "INC0012345", "servicenow", ACCEPTED_AT)
            .withAction(Action.RESET_PASSCODE),
        DEVICE_ID,
        OutcomeStatus.FAILED,
        ReasonCode.NOT_FOUND,
        "Device is not a managed device in this tenant.",
        new GraphCallFacts(
            404,
            "ResourceNotFound",
            "8e2b6c1d-3a4f-4b5c-9d6e-7f8a9b0c1d2e",
            "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"),
        1,
        "iOS",
        STARTED_AT,
        COMPLETED_AT,
        new PasscodeOutcome(
            PasscodeStatus.SEALED, "servicenow", SAMPLE_JWE, "sealed for servicenow"),
        Targets.userLabel("alice@contoso.com"));
  }

  /** Shaped like a compact JWE; nothing decrypts it. */
  static final String SAMPLE_JWE = "eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.a2V5.aXY.Y2lwaGVy.dGFn";

  static RequestAccepted fullRequestAccepted() {
    return new RequestAccepted(
            REQUEST_ID,
            3,
            1,
            Lane.INTERACTIVE,
            true,
            true,
            ACCEPTED_AT,
            DEADLINE,
            "helpdesk-agent@contoso.com",
            "INC0012345",
            "servicenow")
        .withSettlement(true, Duration.ofHours(24))
        .withAction(Action.RESET_PASSCODE)
        .withTargets(fullTargets(), 25);
  }

  /** A dry run's expansion, its one part listing both devices a user selector stands for. */
  static RequestExpanded fullRequestExpanded() {
    RequestExpanded counts =
        new RequestExpanded(
            REQUEST_ID,
            List.of(
                new SelectorCount(
                    Targets.userLabel("alice@contoso.com"), 1, 2, SelectorStatus.MATCHED),
                new SelectorCount(Targets.groupLabel(GROUP_ID), 0, 0, SelectorStatus.NOT_FOUND)),
            1,
            2,
            3,
            STARTED_AT,
            "helpdesk-agent@contoso.com",
            "INC0012345",
            "servicenow",
            Action.RESET_PASSCODE);
    List<ExpandedDevice> devices =
        List.of(
            new ExpandedDevice(DEVICE_ID, "KIOSK-LOBBY-01", "Android", null, Targets.EXPLICIT),
            new ExpandedDevice(
                "12345678-1234-1234-1234-123456789abd",
                "Alice's phone",
                "Android",
                "alice@contoso.com",
                Targets.userLabel("alice@contoso.com")));
    return RequestExpanded.split(counts, devices).get(0);
  }

  static RequestRejected fullRequestRejected() {
    return new RequestRejected(
        REQUEST_ID,
        List.of(new RequestRejected.Problem("deviceIds[0]", "must be a GUID")),
        COMPLETED_AT,
        "helpdesk-agent@contoso.com",
        "servicenow");
  }

  static RequestCompleted fullRequestCompleted() {
    return new RequestCompleted(
        REQUEST_ID,
        RequestStatus.COMPLETED_WITH_FAILURES,
        4,
        new RequestCompleted.Counts(1, 1, 1, 1),
        ACCEPTED_AT,
        COMPLETED_AT,
        "helpdesk-agent@contoso.com",
        "INC0012345",
        "servicenow",
        Action.RESET_PASSCODE);
  }

  static final UUID BRAKE_ID = UUID.fromString("c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f");

  static RequestHeld fullRequestHeld() {
    return new RequestHeld(
        REQUEST_ID,
        250,
        100,
        ACCEPTED_AT,
        DEADLINE,
        "helpdesk-agent@contoso.com",
        "INC0012345",
        "servicenow",
        Action.ROTATE_BITLOCKER_KEYS);
  }

  static RequestApproved fullRequestApproved() {
    return new RequestApproved(
        REQUEST_ID,
        "lead@contoso.com",
        "checked",
        COMPLETED_AT,
        "helpdesk-agent@contoso.com",
        "INC0012345",
        "servicenow");
  }

  static RequestDenied fullRequestDenied() {
    return new RequestDenied(
        REQUEST_ID,
        "lead@contoso.com",
        "not needed",
        COMPLETED_AT,
        "helpdesk-agent@contoso.com",
        "INC0012345",
        "servicenow");
  }

  static RequestExpired fullRequestExpired() {
    return new RequestExpired(
        REQUEST_ID,
        ACCEPTED_AT,
        DEADLINE,
        "helpdesk-agent@contoso.com",
        "INC0012345",
        "servicenow");
  }

  static BrakeEngaged fullBrakeEngaged() {
    return new BrakeEngaged(BRAKE_ID, 1001, 1000, 600, COMPLETED_AT, Action.RESET_PASSCODE);
  }

  static BrakeReleased fullBrakeReleased() {
    return new BrakeReleased(
        BRAKE_ID,
        "sre@contoso.com",
        "approved incident",
        ACCEPTED_AT,
        COMPLETED_AT,
        Action.ROTATE_BITLOCKER_KEYS);
  }

  static Approval fullApproval() {
    return new Approval(1, REQUEST_ID, ApprovalDecision.APPROVE, "lead@contoso.com", "checked");
  }

  static BrakeRelease fullBrakeRelease() {
    return new BrakeRelease(1, BRAKE_ID, "sre@contoso.com", "approved incident");
  }

  static Cancel fullCancel() {
    return new Cancel(1, REQUEST_ID, "lead@contoso.com", "wrong devices");
  }

  static CancelReceived fullCancelReceived() {
    return new CancelReceived(REQUEST_ID, "lead@contoso.com", "wrong devices", STARTED_AT);
  }

  static CancelApplied fullCancelApplied() {
    return new CancelApplied(
        REQUEST_ID,
        List.of(
            new CancelApplied.TaskPartition(Topics.DEVICE_TASKS, 0),
            new CancelApplied.TaskPartition(Topics.INTERACTIVE_DEVICE_TASKS, 0)),
        STARTED_AT);
  }

  static CancelRefused fullCancelRefused() {
    return new CancelRefused(
        REQUEST_ID,
        "lead@contoso.com",
        CancelRefusal.ALREADY_FINISHED,
        "every device already had its outcome",
        COMPLETED_AT);
  }

  static RequestCanceled fullRequestCanceled() {
    return new RequestCanceled(
        REQUEST_ID, "lead@contoso.com", "wrong devices", false, COMPLETED_AT);
  }

  static final Instant SETTLED_AT = Instant.parse("2025-03-14T09:41:02Z");

  static DeviceSettled fullDeviceSettled() {
    return new DeviceSettled(
        REQUEST_ID,
        DEVICE_ID,
        SettleState.FAILED,
        "failed",
        -2016281112,
        STARTED_AT,
        Instant.parse("2025-03-14T09:40:55Z"),
        841L,
        COMPLETED_AT,
        SETTLED_AT,
        5,
        "the device could not apply the reset (errorCode -2016281112)",
        Action.ROTATE_BITLOCKER_KEYS);
  }

  static RequestSettled fullRequestSettled() {
    return new RequestSettled(
        REQUEST_ID,
        true,
        5,
        new RequestSettled.Counts(1, 1, 1, 1, 1),
        ACCEPTED_AT,
        SETTLED_AT,
        "helpdesk-agent@contoso.com",
        "INC0012345",
        "servicenow",
        Action.ROTATE_BITLOCKER_KEYS);
  }
}
