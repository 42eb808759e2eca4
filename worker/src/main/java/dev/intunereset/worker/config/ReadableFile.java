package dev.intunereset.worker.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** A regular file the worker can read at startup; {@code label} says what it holds. */
public record ReadableFile(String label) implements ValueType<Path> {
  @Override
  public Optional<Path> parse(String text) {
    try {
      Path path = Path.of(text);
      return Files.isRegularFile(path) && Files.isReadable(path)
          ? Optional.of(path)
          : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  @Override
  public String range() {
    return label;
  }

  @Override
  public String problem(String text) {
    return "cannot read the file " + ValueType.printable(text);
  }
}
