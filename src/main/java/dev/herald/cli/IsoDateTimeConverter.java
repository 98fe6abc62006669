package dev.herald.cli;

import dev.herald.Display;
import dev.herald.interviews.Interview;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --when}: an ISO-8601 date and time (2026-12-03T14:30+01:00), a local one
 * (2026-12-03T14:30), or the date alone (2026-12-03), as {@link Interview#isIsoDateTime} accepts.
 * The value stays the text that was given, stripped, not a {@code java.time} value: the interview
 * log keeps a time as the person wrote it, with its offset or without one and at its precision. An
 * empty value stays empty; {@code interviews update} takes it to clear the time.
 */
final class IsoDateTimeConverter implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    if (value.isBlank()) {
      return "";
    }
    if (!Interview.isIsoDateTime(value)) {
      // picocli prints the message as it is: the value is escaped, as herald's own errors are
      throw new TypeConversionException(
          "--when '"
              + Display.visible(value)
              + "' is not an ISO-8601 date and time; write it as 2026-12-03T14:30+01:00 (or"
              + " 2026-12-03T14:30, or the date alone: 2026-12-03)");
    }
    return value.strip();
  }
}
