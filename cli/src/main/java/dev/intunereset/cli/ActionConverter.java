package dev.intunereset.cli;

import dev.intunereset.contracts.Action;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converter for {@code --action}: the CLI spells an action in kebab case, as its other
 * flags are spelled, while the request carries the contract's Graph name.
 */
final class ActionConverter implements ITypeConverter<Action> {

  /** The flag value of an action, e.g. {@code rotate-bitlocker-keys}. */
  static String flagName(Action action) {
    return switch (action) {
      case RESET_PASSCODE -> "reset-passcode";
      case ROTATE_BITLOCKER_KEYS -> "rotate-bitlocker-keys";
    };
  }

  /** Every flag value, the default marked, for help and error texts. */
  static String choices() {
    return Arrays.stream(Action.values())
        .map(a -> flagName(a) + (a == Action.DEFAULT ? " (the default)" : ""))
        .collect(Collectors.joining(", "));
  }

  @Override
  public Action convert(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(Action.values())
        .filter(a -> flagName(a).equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'"
                        + HumanOutput.printable(value)
                        + "' is not an action; use one of "
                        + choices()));
  }
}
