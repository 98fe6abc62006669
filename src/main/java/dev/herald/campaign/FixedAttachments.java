package dev.herald.campaign;

import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import dev.herald.template.Attachments;
import dev.herald.template.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attachments a template names outright (no placeholder), which every recipient of its variant
 * gets: resolved once, and checked against the size limit once, as the template's problems rather
 * than once per contact.
 */
final class FixedAttachments {
  private final List<Attachments.Attachment> files = new ArrayList<>();
  private final Map<Template, Long> bytes = new LinkedHashMap<>();

  /** Resolves {@code t}'s fixed attachments; returns the problems with them. */
  List<Problem> check(Template t, Attachments resolver, InputLimits limits) {
    List<Problem> problems = new ArrayList<>();
    long total = 0;
    int first = -1; // the index of the first fixed attachment, once one is found
    for (int i = 0; i < t.attachments().size(); i++) {
      if (t.attachments().get(i).constant()) {
        try {
          var a = resolver.resolve(t, t.attachments().get(i).text().strip());
          if (files.stream().noneMatch(x -> x.file().equals(a.file()))) {
            files.add(a);
          }
          total += a.size();
          first = first < 0 ? i : first;
        } catch (HeraldException e) {
          problems.add(Problem.at(t.file(), t.attachmentLine(i), e.getMessage()));
        }
      }
    }
    bytes.put(t, total);
    // Over the limit for everyone: one problem with the template, not one per contact.
    if (total > limits.maxAttachmentBytes()) {
      problems.add(
          Problem.at(
              t.file(),
              t.attachmentLine(first),
              Attachments.tooLarge(total, limits.maxAttachmentBytes())));
    }
    return problems;
  }

  /** Every fixed attachment of every variant, each file once. */
  List<Attachments.Attachment> files() {
    return List.copyOf(files);
  }

  /** The fixed attachments' size in one message of each template. */
  Map<Template, Long> bytes() {
    return Collections.unmodifiableMap(bytes);
  }
}
