package dev.herald.cli;

import dev.herald.Display;
import dev.herald.ExitCodes;
import dev.herald.HeraldException;
import dev.herald.contacts.ContactLookup;
import dev.herald.identity.EmailAddress;
import dev.herald.interviews.Interview;
import dev.herald.interviews.InterviewLog;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code herald interviews add}: a request that came by phone (or any other way). */
@Command(
    name = "add",
    description = {
      "Log an interview request that did not come by email, such as a phone call. Name and"
          + " outlet are filled in from the contact list where the address is in it."
    })
final class InterviewsAdd extends InterviewsSubcommand {
  @Mixin InterviewsContactsOption contacts;
  @Mixin JournalOption journal;

  @Option(
      names = "--campaign",
      required = true,
      paramLabel = "CAMPAIGN",
      description = "The campaign it is about.")
  String campaign;

  @Option(
      names = "--new-campaign",
      description =
          "The campaign is not in the send journal yet (a request ahead of the release, say):"
              + " log it all the same.")
  boolean newCampaign;

  @Option(
      names = "--email",
      required = true,
      paramLabel = "EMAIL",
      description = "The journalist's address.")
  String email;

  @Option(names = "--name", paramLabel = "NAME", description = "Default: from the contacts.")
  String name;

  @Option(names = "--outlet", paramLabel = "OUTLET", description = "Default: from the contacts.")
  String outlet;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "What the interview is about.")
  String topic;

  @Option(
      names = "--when",
      paramLabel = "TIME",
      converter = IsoDateTimeConverter.class,
      description = "When the interview is, in ISO-8601: 2026-12-03T14:30+01:00.")
  String when;

  @Option(names = "--note", paramLabel = "TEXT", description = "Anything worth keeping.")
  String note;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      defaultValue = "requested",
      converter = InterviewsConverters.Status.class,
      description = "requested (default), scheduled, done or declined.")
  Interview.Status status;

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      defaultValue = "phone",
      converter = InterviewsConverters.Source.class,
      description = "phone (default), manual, reply or link.")
  Interview.Source source;

  @Override
  public Integer call() {
    InterviewLog.Draft request = checked();
    InterviewLog log = parent.log();
    Interview added = log.add(request, now());
    summary(out(), added, log);
    return ExitCodes.OK;
  }

  /** The request as it is to be logged, once its campaign and address are known to be good. */
  private InterviewLog.Draft checked() {
    if (campaign.isBlank()) {
      throw HeraldException.input("--campaign must not be empty");
    }
    String c = campaign.strip();
    HeraldCommand root = root();
    if (!newCampaign) {
      InterviewsCampaigns.requireKnown(c, journal.in(root), parent.log());
    }
    String address = email.strip();
    EmailAddress.problem(address)
        .ifPresent(
            p -> {
              throw HeraldException.input("--email: " + p);
            });
    ContactLookup lookup =
        ContactLookup.of(
            contacts.checked(root), List.of(address), contacts.limits(Settings.load(root)));
    return new InterviewLog.Draft(
        c,
        address,
        name == null ? lookup.name(address) : name.strip(),
        outlet == null ? lookup.outlet(address) : outlet.strip(),
        topic,
        status,
        when == null ? "" : when,
        source,
        "",
        note,
        "",
        "");
  }

  private static void summary(PrintWriter out, Interview added, InterviewLog log) {
    Output.summary(
        out,
        true,
        "Logged "
            + added.id()
            + ": "
            + InterviewsCommand.who(added)
            + ", campaign "
            + added.campaign()
            + " ("
            + added.status().csv()
            + (added.when().isEmpty() ? "" : ", " + added.when())
            + ", by "
            + added.source().csv()
            + ") in "
            + Display.path(log.file())
            + ".");
    out.flush();
  }
}
