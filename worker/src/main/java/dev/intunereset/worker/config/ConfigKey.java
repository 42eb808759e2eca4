package dev.intunereset.worker.config;

/**
 * One documented configuration key: the environment variable name, its default and one line on what
 * it means. Every key the worker reads is declared in {@link ConfigKeys}.
 */
public record ConfigKey(String name, String defaultValue, String range, String description) {
  public ConfigKey {
    if (!name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("config key must be UPPER_SNAKE_CASE: " + name);
    }
  }
}
