package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One device of a dry run's expansion, as {@link RequestExpanded} lists it, so that whoever asked
 * sees which devices the real run would act on before it is sent.
 *
 * @param deviceId the Intune managed device id
 * @param deviceName the device's name as Graph lists it, or {@code null} when it has none
 * @param operatingSystem the device's platform as Graph lists it, or {@code null}
 * @param userPrincipalName the device's primary user, or {@code null} when it has none
 * @param selector the label of what selected it first: {@link Targets#EXPLICIT} for a listed
 *     device, else the first selector (in label order) that matched it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpandedDevice(
    @JsonProperty("deviceId") String deviceId,
    @JsonProperty("deviceName") String deviceName,
    @JsonProperty("operatingSystem") String operatingSystem,
    @JsonProperty("userPrincipalName") String userPrincipalName,
    @JsonProperty("selector") String selector) {

  public ExpandedDevice {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(selector, "selector");
  }

  /** Roughly how much of an event this device takes: its text and the JSON around it. */
  int weight() {
    return 100
        + deviceId.length()
        + length(deviceName)
        + length(operatingSystem)
        + length(userPrincipalName)
        + selector.length();
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
