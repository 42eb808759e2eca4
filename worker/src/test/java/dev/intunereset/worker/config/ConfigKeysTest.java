package dev.intunereset.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

  private static List<Field> keyFields() {
    return Arrays.stream(ConfigKeys.class.getDeclaredFields())
        .filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()))
        .filter(f -> f.getType() == ConfigKey.class)
        .toList();
  }

  private static ConfigKey<?> valueOf(Field f) {
    try {
      return (ConfigKey<?>) f.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyKeyNameIsUnique() {
    List<String> names = ConfigKeys.ALL.stream().map(ConfigKey::name).toList();

    assertThat(names).doesNotHaveDuplicates();
  }

  @Test
  void everyKeyIsListedOnce() {
    assertThat(ConfigKeys.ALL).doesNotHaveDuplicates();
  }

  @Test
  void everyKeyNameIsUpperSnakeCase() {
    assertThat(ConfigKeys.ALL)
        .extracting(ConfigKey::name)
        .allMatch(n -> n.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"));
  }

  @Test
  void everyPublicStaticKeyFieldIsInAll() {
    List<ConfigKey<?>> declared = keyFields().stream().map(ConfigKeysTest::valueOf).toList();

    assertThat(declared).isNotEmpty();
    assertThat(ConfigKeys.ALL).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void everyPublicStaticFieldIsAKeyOrTheListOfKeys() {
    List<String> others =
        Arrays.stream(ConfigKeys.class.getDeclaredFields())
            .filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()))
            .filter(f -> f.getType() != ConfigKey.class)
            .map(Field::getName)
            .toList();

    // The pass-through prefix is a family of keys, documented in docs/configuration.md.
    assertThat(others).containsExactlyInAnyOrder("ALL", "KAFKA_CLIENT_PREFIX");
  }

  @Test
  void everyFieldIsNamedAfterItsKey() {
    for (Field f : keyFields()) {
      ConfigKey<?> key = valueOf(f);
      if (!f.getName().equals("CONFIG_FILE")) {
        assertThat(key.name()).as(f.getName()).isEqualTo(f.getName());
      }
    }
  }

  @Test
  void everyKeyDocumentsItsRangeAndMeaning() {
    assertThat(ConfigKeys.ALL)
        .allSatisfy(
            k -> {
              assertThat(k.range()).as(k.name()).isNotBlank();
              assertThat(k.description()).as(k.name()).isNotBlank();
            });
  }

  @Test
  void everyDefaultIsInItsOwnRange() {
    assertThat(ConfigKeys.ALL)
        .filteredOn(k -> !k.defaultValue().isEmpty() && !k.defaultValue().startsWith("$"))
        .allSatisfy(k -> assertThat(k.type().parse(k.defaultValue())).as(k.name()).isPresent());
  }

  @Test
  void everySaslMechanismOfferedHasALoginModule() {
    ValueType.Choice<String> mechanisms =
        (ValueType.Choice<String>) ConfigKeys.KAFKA_SASL_MECHANISM.type();

    assertThat(mechanisms.words())
        .containsExactlyInAnyOrderElementsOf(KafkaSecurityReader.LOGIN_MODULES.keySet());
  }
}
