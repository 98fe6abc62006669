package dev.herald.message;

import dev.herald.Display;
import dev.herald.contacts.Contact;
import dev.herald.template.Rendered;
import dev.herald.template.SafeHtml;
import dev.herald.template.TemplateSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reviewer's copy of one contact's message ({@code herald send --proof-to}): the release as
 * rendered for that contact, with the same attachments, addressed to the reviewer alone. Its
 * subject starts with {@value #SUBJECT_PREFIX}; its text and HTML open with a note naming the
 * contact it was rendered for; the contact's Cc and Bcc copies are named in the note, never sent;
 * and it has no List-Unsubscribe, since a reviewer's click must not unsubscribe anyone (a {@code
 * mailto:} form would mail the press office an unsubscribe from the reviewer, and an {@code https:}
 * one-click form would be posted to a server herald does not run, which may act on the journalist's
 * address in the URL).
 */
public final class ProofCopy {
  /** What every proof's subject starts with. */
  public static final String SUBJECT_PREFIX = "[PROOF] ";

  private ProofCopy() {}

  /**
   * The proof of {@code real} (rendered with {@link dev.herald.template.Renderer#proof}, so that
   * its interview link is a proof's) for the reviewer at {@code to}; {@code variant} says which
   * variant of the release the contact gets ({@link #variant}).
   */
  public static Rendered of(Rendered real, String variant, String to) {
    List<String> note = note(real, variant);
    String text = String.join("\n", note) + "\n\n" + real.text();
    Contact c = real.contact();
    // Only the address: the reviewer's To carries no name of the journalist's.
    Contact reviewer = new Contact(c.file(), c.line(), to, Map.of());
    return new Rendered(
        reviewer,
        real.template(),
        SUBJECT_PREFIX + real.subject(),
        real.from(),
        real.replyTo(),
        "",
        "",
        List.of(),
        real.attachments(),
        text,
        html(real.html(), note),
        real.ref(),
        real.extraHeaders(),
        real.images());
  }

  /**
   * The note a proof opens with: first "Proof for NAME <EMAIL> (VARIANT, line N of FILE) — not sent
   * to them", then the copies and the List-Unsubscribe that the real message carries and the proof
   * does not.
   */
  public static List<String> note(Rendered real, String variant) {
    List<String> lines = new ArrayList<>();
    lines.add("Proof for " + about(real.contact(), variant) + " — not sent to them");
    List<String> copies = new ArrayList<>();
    if (!real.cc().isEmpty()) {
      copies.add("Cc: " + real.cc());
    }
    if (!real.bcc().isEmpty()) {
      copies.add("Bcc: " + real.bcc());
    }
    if (!copies.isEmpty()) {
      lines.add(
          "The real message also goes to "
              + String.join("; ", copies)
              + ". This proof went to no one else.");
    }
    if (!real.listUnsubscribe().isEmpty()) {
      // Named by scheme only: a mail client makes any URI in the text a link, and a click on a
      // journalist's unsubscribe URL in a proof is exactly what must not happen.
      lines.add(
          "The real message carries List-Unsubscribe ("
              + String.join(", ", schemes(real.listUnsubscribe()))
              + "), shown by herald preview. This proof carries none, so that no click on it"
              + " unsubscribes anyone.");
    }
    if (real.text().contains(PROOF_LINK) || real.html().contains(PROOF_LINK)) {
      lines.add(
          "Its interview link is marked as a proof: a request sent through it is not logged.");
    }
    return lines;
  }

  /** "NAME <EMAIL> (VARIANT, line N of FILE)": whom a proof was rendered for. */
  public static String about(Contact c, String variant) {
    String who = c.name().isEmpty() ? "<" + c.email() + ">" : c.name() + " <" + c.email() + ">";
    return who + " (" + variant + ", line " + c.line() + " of " + Display.path(c.file()) + ")";
  }

  /** "mailto:", "https: one-click": what kinds of unsubscribe address a list holds. */
  private static List<String> schemes(List<String> uris) {
    List<String> out = new ArrayList<>();
    for (String u : uris) {
      int colon = u.indexOf(':');
      String scheme = colon < 0 ? "?" : u.substring(0, colon).toLowerCase(Locale.ROOT);
      // RFC 8058: an https address is posted to by the mailbox provider on one click
      String kind = scheme.equals("https") ? "https: one-click" : scheme + ":";
      if (!out.contains(kind)) {
        out.add(kind);
      }
    }
    return out;
  }

  /** The interview link of a proof, as it appears in the link's encoded subject. */
  private static final String PROOF_LINK = "%5Bproof%3A";

  /**
   * Which variant a contact gets, as a proof names it: "pl variant", "default variant", or "default
   * variant: no fr variant" when the contact's language has none.
   */
  public static String variant(TemplateSet.Choice choice) {
    String language = choice.template().language();
    if (!language.isEmpty()) {
      return language + " variant";
    }
    return choice.fellBack()
        ? "default variant: no " + choice.tag() + " variant"
        : "default variant";
  }

  /** The page with the note as a framed block at the top of its body. */
  private static String html(String page, List<String> note) {
    StringBuilder block =
        new StringBuilder(
            "\n<div style=\"margin:0;padding:12px 16px;border-bottom:3px dashed #7a5c00;"
                + "background:#fff4cc;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;"
                + "font-size:14px;line-height:1.4;\">");
    for (int i = 0; i < note.size(); i++) {
      String line = SafeHtml.escape(note.get(i));
      block.append(i == 0 ? "<strong>" + line + "</strong>" : "<br>" + line);
    }
    block.append("</div>\n");
    // herald's page template opens <body> once; a page without one gets the note first
    int body = page.indexOf("<body");
    int at = body < 0 ? -1 : page.indexOf('>', body);
    return at < 0 ? block + page : page.substring(0, at + 1) + block + page.substring(at + 1);
  }
}
