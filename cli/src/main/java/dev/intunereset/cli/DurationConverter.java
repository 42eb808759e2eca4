package dev.intunereset.cli;

import dev.intunereset.contracts.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converter for duration flags, in the contract's one grammar ({@link Durations}); rejects
 * zero, which no flag of the CLI means.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration d =
        Durations.parse(value)
            .orElseThrow(
                () ->
                    new TypeConversionException(
                        "'"
                            + value
                            + "' is not a duration; use for example 30s, 10m, 2h45m, 500ms or"
                            + " PT10M"));
    if (d.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return d;
  }
}
