package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.contacts.Contact;
import dev.herald.contacts.ContactFile;
import dev.herald.contacts.OptOutList;
import dev.herald.identity.EmailAddress;
import dev.herald.journal.CampaignState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contacts a preview leaves out, each with its reason and file:line, as the index lists them:
 * suppressed (with the opt-out list's reason and date, when it has them), repeated, invalid, and
 * already sent according to the journal. Rows that {@code --only}/{@code --where} leave out are
 * counted, not listed: there may be thousands, and the reviewer chose them.
 */
final class LeftOutRows {
  /** At most this many rows are listed; the rest are counted. */
  static final int MAX_LISTED = 500;

  private final Audience audience;
  private final String journal;
  private final List<PreviewEntry.LeftOut> rows = new ArrayList<>();
  private Map<String, String> reasons;
  private int filtered;
  private int more;

  LeftOutRows(Audience audience, String journal) {
    this.audience = audience;
    this.journal = journal;
  }

  /** Whether the journal's status means the next send leaves the contact out. */
  static boolean alreadySent(CampaignState.Status status) {
    return status == CampaignState.Status.SENT || status == CampaignState.Status.BOUNCED;
  }

  /** A suppressed, repeated or filtered row; repeated ones also go into {@code approval}. */
  void add(Audience.Entry e, PreviewListener approval) {
    switch (e.kind()) {
      case FILTERED -> filtered++;
      case SUPPRESSED -> row("suppressed", e.contact(), optOutReason(e.contact().email()));
      case DUPLICATE -> {
        String reason = "repeats line " + e.firstLine() + ": sent once";
        row("repeated", e.contact(), reason);
        if (approval != null) {
          approval.skipped(e, reason);
        }
      }
      default -> {
        // invalid rows are listed from the validation pass, which also knows render problems
      }
    }
  }

  void sent(Contact c, CampaignState.Status status) {
    row(
        status == CampaignState.Status.SENT ? "already sent" : "bounced",
        c,
        (status == CampaignState.Status.SENT ? "sent before" : "bounced before")
            + ", as "
            + journal
            + " records; the next send leaves it out");
  }

  void invalid(Problem p, PreviewListener approval) {
    add(new PreviewEntry.LeftOut("invalid", "", p.location(), Display.oneLine(p.message())));
    approval.skipped(new Audience.Entry(Audience.Kind.INVALID, null, p, 0), p.message());
  }

  private void row(String kind, Contact c, String reason) {
    add(new PreviewEntry.LeftOut(kind, c.email(), c.where(), reason));
  }

  private void add(PreviewEntry.LeftOut row) {
    if (rows.size() < MAX_LISTED) {
      rows.add(row);
    } else {
      more++;
    }
  }

  List<PreviewEntry.LeftOut> rows() {
    return List.copyOf(rows);
  }

  /** Rows beyond {@link #MAX_LISTED}. */
  int more() {
    return more;
  }

  int filtered() {
    return filtered;
  }

  /** "on the opt-out list (contacts/optout.csv: reason, date)", as far as the list says. */
  private String optOutReason(String email) {
    if (reasons == null) {
      reasons = new HashMap<>();
      for (OptOutList.Source s : audience.optOut().sources()) {
        if (!s.exists()) {
          continue;
        }
        try (ContactFile f = ContactFile.open(s.file(), InputLimits.DEFAULT)) {
          for (ContactFile.Row row : f) {
            if (row.ok()) {
              Contact c = row.contact();
              List<String> why = new ArrayList<>();
              why.add(Display.path(s.file()) + ":" + c.line());
              if (!c.value("reason").isBlank()) {
                why.add(c.value("reason").strip());
              }
              if (!c.value("date").isBlank()) {
                why.add(c.value("date").strip());
              }
              reasons.putIfAbsent(EmailAddress.key(c.email()), String.join(", ", why));
            }
          }
        } catch (RuntimeException e) {
          // the list was read when the contacts were; its reasons are only a courtesy here
        }
      }
    }
    String why = reasons.get(EmailAddress.key(email));
    return "on the opt-out list" + (why == null ? "" : " (" + Display.oneLine(why) + ")");
  }
}
