package dev.intunereset.sandbox;

import dev.intunereset.sandbox.graph.DeviceInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The sample requests the quick start publishes: one of each kind of traffic the worker sees, and
 * one broken message to show rejection.
 */
final class DemoScenario {
  /** The recipient the ticket's new passcode is sealed to; the demo holds its private key. */
  static final String RECIPIENT = "servicenow";

  /** A sample message and what the demo expects back for it. */
  record Sample(String title, UUID requestId, String json, boolean expectRejection) {}

  private DemoScenario() {}

  static List<Sample> samples() {
    List<String> android = DeviceInventory.firstResettableAndroidIds(510);
    List<Sample> samples = new ArrayList<>();
    UUID ticket = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    samples.add(
        new Sample(
            "helpdesk ticket, one device, passcode delivered",
            ticket,
            request(
                    ticket,
                    List.of(android.get(0)),
                    "helpdesk-agent@contoso.com",
                    "INC0012345: user locked out after failed attempts",
                    "servicenow",
                    false,
                    false)
                .replaceFirst(
                    "}$", ", \"passcodeDelivery\": {\"recipient\": \"" + RECIPIENT + "\"}}"),
            false));
    UUID incident = UUID.fromString("6f1c2a9e-8d4b-4e57-9a3c-2b7d9e0f4a11");
    samples.add(
        new Sample(
            "security incident, 500 devices",
            incident,
            request(
                incident,
                android.subList(1, 501),
                "soc-automation@contoso.com",
                "SIR-2211: credential theft on shared Android fleet",
                "sentinel-playbook",
                true,
                false),
            false));
    UUID mixed = UUID.fromString("0c9d6a0e-3b1f-4f2a-8e6d-5a4b3c2d1e0f");
    List<String> mixedDevices = new ArrayList<>(android.subList(501, 504));
    mixedDevices.add("0badc0de-0000-4000-8000-000000000001");
    mixedDevices.add("0badc0de-0000-4000-8000-000000000002");
    samples.add(
        new Sample(
            "ticket with two unknown devices",
            mixed,
            request(
                mixed,
                mixedDevices,
                "helpdesk-agent@contoso.com",
                "INC0012377: batch of kiosk tablets",
                "servicenow",
                true,
                false),
            false));
    UUID dryRun = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    samples.add(
        new Sample(
            "dry run, three devices",
            dryRun,
            request(
                dryRun,
                android.subList(504, 507),
                "it-admin@contoso.com",
                "CHG0042: rehearsal before a fleet-wide reset",
                "change-mgmt",
                false,
                true),
            false));
    UUID broken = UUID.fromString("deadbeef-0000-4000-8000-00000000b0b0");
    samples.add(
        new Sample(
            "broken request (rejected and dead-lettered)",
            broken,
            "{\"schemaVersion\": 1, \"requestId\": \""
                + broken
                + "\", \"deviceIds\": [\"{not-a-guid}\"],"
                + " \"requestedBy\": \"intern@contoso.com\"}",
            true));
    return samples;
  }

  private static String request(
      UUID id,
      List<String> devices,
      String requestedBy,
      String reason,
      String source,
      boolean ignorePartialFailures,
      boolean dryRun) {
    StringBuilder ids = new StringBuilder();
    for (String d : devices) {
      if (ids.length() > 0) {
        ids.append(", ");
      }
      ids.append('"').append(d).append('"');
    }
    return "{\"schemaVersion\": 1, \"requestId\": \""
        + id
        + "\", \"deviceIds\": ["
        + ids
        + "], \"requestedBy\": \""
        + requestedBy
        + "\", \"reason\": \""
        + reason
        + "\", \"source\": \""
        + source
        + "\", \"ignorePartialFailures\": "
        + ignorePartialFailures
        + ", \"timeout\": \"10m\", \"dryRun\": "
        + dryRun
        + "}";
  }
}
