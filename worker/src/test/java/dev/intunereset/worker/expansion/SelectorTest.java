package dev.intunereset.worker.expansion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intunereset.worker.targeting.DeviceFilter;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user:alice@contoso.com",
        "user:3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "user:alice_contoso.com#EXT#@fabrikam.onmicrosoft.com",
        "group:6a0b7c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d",
        "deviceName:ALICE-PIXEL",
        "deviceName:O'Brien's iPad",
        "serialNumber:SN0000000042",
        "filter:operatingSystem eq 'iOS' and lastSyncDateTime lt 2026-11-01T00:00:00Z"
      })
  void aLabelParsesToTheSelectorItDescribes(String label) {
    assertThat(Selector.parse(label).describe()).isEqualTo(label);
  }

  @org.junit.jupiter.api.Test
  void aFilterIsDescribedByItsCanonicalText() {
    Selector filter =
        new Selector.Filter(DeviceFilter.parse("operatingSystem  eq  'iOS'").orElseThrow());
    assertThat(filter.describe()).isEqualTo("filter:operatingSystem eq 'iOS'");
    assertThat(
            new Selector.Group(UUID.fromString("6A0B7C1D-2E3F-4A5B-8C6D-7E8F9A0B1C2D")).describe())
        .isEqualTo("group:6a0b7c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice@contoso.com",
        "users:alice@contoso.com",
        "user:",
        "user:alice @contoso.com",
        "user:../../deviceManagement",
        "user:alice?$filter=x",
        "user:alice\u202E@contoso.com",
        "group:finance",
        "group:6a0b7c1d2e3f4a5b8c6d7e8f9a0b1c2d",
        "deviceName:",
        "serialNumber:SN 42",
        "filter:userPrincipalName eq 'alice@contoso.com'",
        "filter:operatingSystem eq 'iOS' or operatingSystem eq 'Android'"
      })
  void aLabelOutsideTheGrammarIsRefusedWithAReason(String label) {
    assertThatThrownBy(() -> Selector.parse(label))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("null");
  }

  @org.junit.jupiter.api.Test
  void aUserOrSerialNumberIsAtMost256Characters() {
    assertThat(new Selector.SerialNumber("x".repeat(256)).serial()).hasSize(256);
    assertThatThrownBy(() -> new Selector.User("x".repeat(257)))
        .hasMessageContaining("1 to 256 characters");
  }
}
