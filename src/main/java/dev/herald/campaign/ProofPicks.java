package dev.herald.campaign;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.contacts.Columns;
import dev.herald.contacts.Contact;
import dev.herald.identity.EmailAddress;
import dev.herald.template.Template;
import dev.herald.template.TemplateSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which contacts' messages a proof send renders: those a real send would mail (never one on the
 * opt-out list, a repeated address or an invalid row), chosen by the run's filter. With no {@code
 * --only}, {@code --where} or {@code --limit}, the first contact of each language variant actually
 * used, so that a reviewer sees every variant once; with {@code --limit N}, the first N selected;
 * with {@code --only} or {@code --where} alone, every contact selected, up to {@link
 * #MAX_UNLIMITED}.
 */
public final class ProofPicks {
  /**
   * The most proofs a filter may select without {@code --limit}: a {@code --where} that matches
   * hundreds of contacts is a mistake, not a review.
   */
  public static final int MAX_UNLIMITED = 20;

  /** One contact to proof, and the variant of the release it gets. */
  public record Pick(Contact contact, TemplateSet.Choice choice) {}

  private ProofPicks() {}

  /**
   * The contacts to proof out of {@code v}'s audience (already filtered by {@code --only} and
   * {@code --where}); {@code filtered} says whether either was given, {@code limit} is {@code
   * --limit} or 0. Throws exit 2 when there is nothing to proof, saying why, or when a filter
   * selects more than {@link #MAX_UNLIMITED} without a limit.
   */
  public static List<Pick> pick(LoadedCampaign v, String only, boolean filtered, int limit) {
    List<Pick> picks = new ArrayList<>();
    Set<Template> variants = new HashSet<>();
    int[] selected = {0};
    List<Contact> suppressed = new ArrayList<>();
    v.audience()
        .forEach(
            e -> {
              if (e.kind() == Audience.Kind.SUPPRESSED && suppressed.size() < 10) {
                suppressed.add(e.contact());
              }
              if (e.kind() != Audience.Kind.SELECTED || v.invalidLine(e.contact().line())) {
                return;
              }
              selected[0]++;
              TemplateSet.Choice choice =
                  v.templates().choose(e.contact().value(Columns.LANGUAGE).strip());
              boolean take =
                  limit > 0 ? picks.size() < limit : filtered || variants.add(choice.template());
              if (take) {
                picks.add(new Pick(e.contact(), choice));
              }
            });
    String file = Display.path(v.audience().file());
    if (picks.isEmpty()) {
      throw HeraldException.input(nothing(only, filtered, suppressed, file) + "; nothing was sent");
    }
    if (filtered && limit == 0 && picks.size() > MAX_UNLIMITED) {
      throw HeraldException.input(
          "--only/--where select "
              + selected[0]
              + " contacts of "
              + file
              + ", and a proof is one message per contact to every proof address: add --limit N"
              + " to proof the first N; nothing was sent");
    }
    return List.copyOf(picks);
  }

  /** Why no contact could be proofed. */
  private static String nothing(
      String only, boolean filtered, List<Contact> suppressed, String file) {
    if (only != null) {
      for (Contact c : suppressed) {
        if (EmailAddress.same(c.email(), only)) {
          return "--only "
              + only
              + ": "
              + c.where()
              + " is on the opt-out list, so a real send would not mail them and there is no"
              + " message to proof";
        }
      }
      return "--only " + only + ": no contact of " + file + " has that address (or it is invalid)";
    }
    if (filtered) {
      return "no contact of " + file + " that a real send would mail matches --where";
    }
    return "no contact of " + file + " would be mailed by a real send";
  }
}
