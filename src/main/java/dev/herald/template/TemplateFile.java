package dev.herald.template;

import dev.herald.Display;
import dev.herald.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A template file split into its header block and Markdown body, as written: nothing compiled or
 * resolved yet. The header block is a set of {@code Key: value} lines as in an email (keys
 * case-insensitive, a line starting with white space continues the previous value), then one blank
 * line, then the body.
 */
public record TemplateFile(Path file, List<Header> headers, String body, long bodyLine) {

  /** One header line: key in lower case, value as written, where it is, and the name as written. */
  public record Header(String key, String value, long line, int valueColumn, String name) {
    public Header(String key, String value, long line, int valueColumn) {
      this(key, value, line, valueColumn, Template.displayName(key));
    }
  }

  public static final Set<String> KEYS =
      Set.of(
          "subject",
          "from",
          "reply-to",
          "cc",
          "bcc",
          "attachment",
          "campaign",
          "send-at",
          "send-until",
          "embargo",
          "embargo-subject",
          "list-unsubscribe",
          "follow-up",
          "follow-up-again");

  public static final long MAX_BYTES = 1L << 20;

  public TemplateFile {
    headers = List.copyOf(headers);
  }

  /** Reads and splits the file; problems with its shape are thrown as one exit-2 error. */
  public static TemplateFile read(Path file) {
    String text = readText(file);
    List<Problem> problems = new ArrayList<>();
    List<Header> headers = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int i = 0;
    long bodyLine = -1; // the line the body starts on; -1 until the blank line before it
    for (; i < lines.length; i++) {
      String l = lines[i];
      long lineNo = i + 1;
      if (l.isBlank()) {
        bodyLine = lineNo + 1;
        i++;
        break;
      }
      if ((l.charAt(0) == ' ' || l.charAt(0) == '\t') && !headers.isEmpty()) {
        Header prev = headers.remove(headers.size() - 1);
        headers.add(
            new Header(
                prev.key(),
                prev.value() + " " + l.strip(),
                prev.line(),
                prev.valueColumn(),
                prev.name()));
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0) {
        problems.add(
            Problem.at(
                file,
                lineNo,
                "expected a header line such as 'Subject: …' (or a blank line before the body),"
                    + " found '"
                    + abbreviate(l)
                    + "'"));
        continue;
      }
      String key = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      var refused = CustomHeaders.refusal(l.substring(0, colon).strip());
      if (refused.isPresent()) {
        problems.add(new Problem(file, lineNo, 1, refused.get()));
        continue;
      }
      if (!KEYS.contains(key) && !CustomHeaders.allowed(key)) {
        problems.add(
            new Problem(
                file,
                lineNo,
                1,
                "unknown header '"
                    + l.substring(0, colon).strip()
                    + "' (known: Subject, From, Reply-To, Cc, Bcc, Attachment, Campaign, Send-At,"
                    + " Send-Until, Embargo, Embargo-Subject, List-Unsubscribe, and any X-… header or"
                    + " List-Id)"));
        continue;
      }
      if (!key.equals("attachment") && headers.stream().anyMatch(h -> h.key().equals(key))) {
        problems.add(
            new Problem(
                file, lineNo, 1, "the header '" + l.substring(0, colon).strip() + "' is repeated"));
        continue;
      }
      String rawValue = l.substring(colon + 1);
      int lead = rawValue.length() - rawValue.stripLeading().length();
      headers.add(
          new Header(
              key, rawValue.strip(), lineNo, colon + 2 + lead, l.substring(0, colon).strip()));
    }
    if (bodyLine < 0) {
      problems.add(
          Problem.file(
              file,
              "has no blank line between the header block and the body; start with 'Subject: …'"
                  + " and 'From: …' lines, then a blank line, then the release"));
    }
    // A follow-up may leave its Subject out: it then gets "Re: " and the original's subject.
    boolean followUp = headers.stream().anyMatch(h -> h.key().equals("follow-up"));
    for (String required : followUp ? List.of("from") : List.of("subject", "from")) {
      if (bodyLine >= 0 && headers.stream().noneMatch(h -> h.key().equals(required))) {
        problems.add(
            Problem.at(
                file,
                1,
                "the header block has no '"
                    + (required.equals("from") ? "From" : "Subject")
                    + ":' line, which every release needs"
                    + (required.equals("from")
                        ? ""
                        : " (a follow-up that names its original with 'Follow-Up: CAMPAIGN' may"
                            + " leave it out, to get 'Re: ' and the original's subject)")));
      }
    }
    if (!problems.isEmpty()) {
      throw new TemplateException(problems);
    }
    String body = String.join("\n", Arrays.asList(lines).subList(i, lines.length));
    if (body.isBlank()) {
      throw new TemplateException(List.of(Problem.at(file, bodyLine, "the body is empty")));
    }
    return new TemplateFile(file, headers, body, bodyLine);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  /**
   * A file that cannot be read as a template, as a located problem, so that when it is a language
   * variant the variant is named and the other files are still checked.
   */
  private static TemplateException unreadable(Path file, String why) {
    return new TemplateException(List.of(Problem.file(file, why)));
  }

  static String readText(Path file) {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw unreadable(file, "is a folder, not a template file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw unreadable(
            file,
            "is "
                + Display.bytes(Files.size(file))
                + "; a template may be at most "
                + Display.bytes(MAX_BYTES));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw unreadable(file, "no such template");
    } catch (IOException e) {
      throw unreadable(file, "cannot read: " + e.getMessage());
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      int nul = text.indexOf('\0');
      if (nul >= 0) {
        throw unreadable(file, "contains a NUL character; is it really a text file?");
      }
      return text;
    } catch (CharacterCodingException e) {
      throw unreadable(file, "is not UTF-8 text; save it as UTF-8");
    }
  }

  /** The header with this key (lower case), or null. */
  public Header header(String key) {
    for (Header h : headers) {
      if (h.key().equals(key)) {
        return h;
      }
    }
    return null;
  }

  public List<Header> all(String key) {
    return headers.stream().filter(h -> h.key().equals(key)).toList();
  }
}
