package dev.intunereset.sandbox.graph;

import java.util.regex.Pattern;

/** Managed device ids are GUIDs; Intune rejects anything else before looking the device up. */
final class Guids {
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Guids() {}

  static boolean isGuid(String text) {
    return text != null && GUID.matcher(text).matches();
  }
}
