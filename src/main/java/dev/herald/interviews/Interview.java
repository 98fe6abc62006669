package dev.herald.interviews;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One row of the interview log: a journalist's request for an interview about a campaign, where it
 * came from and how it stands. Text fields are never null: a missing value is the empty string.
 *
 * @param id the short stable id ({@code I0001}) by which {@code herald interviews update} names it
 * @param loggedAt when herald logged it, to the second
 * @param campaign the campaign it is about
 * @param email the contact's address
 * @param name the contact's name, from the contact list where known
 * @param outlet the contact's outlet
 * @param topic what the interview is about (for a fetched request, the reply's subject)
 * @param status how it stands
 * @param when the interview's date and time as given (ISO-8601), or empty
 * @param source how the request came in
 * @param messageId the Message-ID of the reply that asked, for a fetched request
 * @param note free text
 * @param replyFrom the address the reply that asked came from, for a fetched request (or one
 *     accepted after a look); empty for one logged by hand
 * @param forwardedBy the recipient of the release, when the request came from someone else who got
 *     it from them (a colleague replying to a forwarded release): the request is logged under its
 *     sender, and this names the person it was sent to; empty otherwise
 */
public record Interview(
    String id,
    Instant loggedAt,
    String campaign,
    String email,
    String name,
    String outlet,
    String topic,
    Status status,
    String when,
    Source source,
    String messageId,
    String note,
    String replyFrom,
    String forwardedBy) {

  /** How a request stands. */
  public enum Status {
    REQUESTED,
    SCHEDULED,
    DONE,
    DECLINED;

    /** The value in the log, such as {@code requested}. */
    public String csv() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status whose log value is {@code value} (ignoring case and spaces around it). */
    public static Optional<Status> parse(String value) {
      return parseEnum(values(), value);
    }

    /** The values, for messages: "requested, scheduled, done, declined". */
    public static String choices() {
      return listChoices(values());
    }
  }

  /** How a request came in. */
  public enum Source {
    /** A reply to the release that asks for an interview. */
    REPLY,
    /** A message sent through the release's interview link. */
    LINK,
    /** A phone call, logged with {@code herald interviews add}. */
    PHONE,
    /** Anything else logged by hand. */
    MANUAL;

    public String csv() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Source> parse(String value) {
      return parseEnum(values(), value);
    }

    public static String choices() {
      return listChoices(values());
    }
  }

  public Interview {
    Objects.requireNonNull(id, "id");
    loggedAt = Objects.requireNonNull(loggedAt, "loggedAt").truncatedTo(ChronoUnit.SECONDS);
    campaign = text(campaign);
    email = text(email);
    name = text(name);
    outlet = text(outlet);
    topic = text(topic);
    Objects.requireNonNull(status, "status");
    when = text(when);
    Objects.requireNonNull(source, "source");
    messageId = text(messageId);
    note = text(note);
    replyFrom = text(replyFrom);
    forwardedBy = text(forwardedBy);
  }

  /** This interview with another status, time and note. */
  public Interview with(Status newStatus, String newWhen, String newNote) {
    return new Interview(
        id,
        loggedAt,
        campaign,
        email,
        name,
        outlet,
        topic,
        newStatus,
        newWhen,
        source,
        messageId,
        newNote,
        replyFrom,
        forwardedBy);
  }

  /**
   * Whether {@code text} is an ISO-8601 date and time, with or without an offset or zone ({@code
   * 2026-12-03T14:30+01:00}, {@code 2026-12-03T14:30+01:00[Europe/Brussels]}, {@code
   * 2026-12-03T14:30}), or a date alone ({@code 2026-12-03}).
   */
  public static boolean isIsoDateTime(String text) {
    for (DateTimeFormatter format :
        List.of(DateTimeFormatter.ISO_DATE_TIME, DateTimeFormatter.ISO_LOCAL_DATE)) {
      try {
        format.parse(text.strip());
        return true;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return false;
  }

  /** Still to be done: requested or scheduled. */
  public boolean open() {
    return status == Status.REQUESTED || status == Status.SCHEDULED;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static <E extends Enum<E>> Optional<E> parseEnum(E[] values, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    for (E e : values) {
      if (e.name().equalsIgnoreCase(v)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static <E extends Enum<E>> String listChoices(E[] values) {
    return Arrays.stream(values)
        .map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
