package dev.intunereset.worker.config;

import java.util.Objects;

/**
 * One configuration key: the environment variable name, its default, its type with the accepted
 * range, and one line on why it exists. Every key the worker reads is declared in {@link
 * ConfigKeys}; {@link ConfigReader} checks values only through {@link #type()}.
 *
 * @param defaultValue the text used when the key is unset or blank; empty for "none"
 * @param <T> the type of the key's checked value
 */
public record ConfigKey<T>(
    String name, String defaultValue, ValueType<T> type, String description) {
  public ConfigKey {
    if (!name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("config key must be UPPER_SNAKE_CASE: " + name);
    }
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
  }

  /** The accepted range, as problem lines and docs/configuration.md print it. */
  public String range() {
    return type.range();
  }
}
