package dev.herald.cli;

import dev.herald.Display;
import dev.herald.interviews.Interview;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The interview commands' choices, read in any case and with spaces around them ignored. Each
 * refuses another value in herald's words, naming the choices as the log writes them; picocli's own
 * enum message would list them in capitals. picocli prints the message as it is, so the value in it
 * is escaped, as herald's own errors are.
 */
final class InterviewsConverters {
  private InterviewsConverters() {}

  /** {@code --status}: requested, scheduled, done or declined. */
  static final class Status implements ITypeConverter<Interview.Status> {
    @Override
    public Interview.Status convert(String value) {
      return Interview.Status.parse(value)
          .orElseThrow(() -> notOneOf("--status", value, Interview.Status.choices()));
    }
  }

  /** {@code --source}: reply, link, phone or manual. */
  static final class Source implements ITypeConverter<Interview.Source> {
    @Override
    public Interview.Source convert(String value) {
      return Interview.Source.parse(value)
          .orElseThrow(() -> notOneOf("--source", value, Interview.Source.choices()));
    }
  }

  /** {@code interviews list --format}: table, csv or json. */
  static final class ListFormat implements ITypeConverter<InterviewsListView.Format> {
    @Override
    public InterviewsListView.Format convert(String value) {
      try {
        return InterviewsListView.Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "--format takes table, csv or json, not '" + Display.visible(value) + "'");
      }
    }
  }

  private static TypeConversionException notOneOf(String option, String value, String choices) {
    return new TypeConversionException(
        option + " '" + Display.visible(value) + "' is not one of " + choices);
  }
}
