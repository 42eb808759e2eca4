package dev.intunereset.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into one-line messages for people. */
final class Errors {
  private Errors() {}

  /** The most specific message in the cause chain, without class names where they add nothing. */
  static String describe(Throwable t) {
    if (t instanceof NoSuchFileException) {
      return "no such file";
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied";
    }
    Throwable deepest = t;
    String message = t.getMessage();
    for (Throwable c = t.getCause(); c != null && c != deepest; c = c.getCause()) {
      deepest = c;
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    if (message == null || message.isBlank()) {
      return deepest.getClass().getSimpleName();
    }
    return message;
  }
}
