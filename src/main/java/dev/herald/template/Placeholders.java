package dev.herald.template;

import dev.herald.Problem;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the Mustache tags in a piece of template text, with line and column, and checks the subset
 * of Mustache that herald supports: variables, sections and inverted sections over a flat set of
 * names, and comments. Partials, template inheritance and delimiter changes are refused, because a
 * release is one file and a reviewer must be able to read every placeholder in it.
 */
public final class Placeholders {

  /**
   * A tag: {@code kind} is one of {@code ' '} (variable), {@code '#'}, {@code '^'}, {@code '/'}.
   */
  public record Tag(String name, char kind, long line, int column) {}

  /** The tags found and the problems with them (if any, the text must not be compiled). */
  public record Scan(List<Tag> tags, List<Problem> problems) {}

  static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-]+|\\.");

  private Placeholders() {}

  /**
   * Scans {@code text}, whose first character is at {@code line}:{@code column} of {@code file}.
   * Sections may be nested at most {@code maxDepth} deep: Mustache compiles and renders them
   * recursively, and a few thousand levels overflow the stack.
   */
  public static Scan scan(Path file, String text, long line, int column, int maxDepth) {
    List<Tag> tags = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Deque<Tag> open = new ArrayDeque<>();
    boolean tooDeep = false;
    long ln = line;
    int col = column;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < n && text.charAt(i + 1) == '{') {
        long tagLine = ln;
        int tagCol = col;
        boolean triple = i + 2 < n && text.charAt(i + 2) == '{';
        String close = triple ? "}}}" : "}}";
        int start = i + (triple ? 3 : 2);
        int end = text.indexOf(close, start);
        int nl = indexOfLineBreak(text, start);
        if (end < 0 || (nl >= 0 && nl < end && text.charAt(start) != '!')) {
          problems.add(
              new Problem(
                  file,
                  tagLine,
                  tagCol,
                  (triple ? "{{{" : "{{") + " is never closed on this line"));
          // skip past the opening braces and go on looking for more problems
          for (int k = i; k < start; k++) {
            col++;
          }
          i = start;
          continue;
        }
        String inner = text.substring(start, end);
        check(file, inner, triple, tagLine, tagCol, tags, open, problems);
        if (open.size() > maxDepth && !tooDeep) {
          tooDeep = true;
          problems.add(
              new Problem(
                  file,
                  tagLine,
                  tagCol,
                  "sections are nested more than "
                      + maxDepth
                      + " deep here (limits.depth in herald.properties)"));
        }
        int stop = end + close.length();
        for (int k = i; k < stop; k++) {
          if (text.charAt(k) == '\n') {
            ln++;
            col = 1;
          } else {
            col++;
          }
        }
        i = stop;
        continue;
      }
      if (c == '\n') {
        ln++;
        col = 1;
      } else {
        col++;
      }
      i++;
    }
    for (Tag t : open) {
      problems.add(
          new Problem(
              file,
              t.line(),
              t.column(),
              "the section {{"
                  + t.kind()
                  + t.name()
                  + "}} is never closed with {{/"
                  + t.name()
                  + "}}"));
    }
    return new Scan(List.copyOf(tags), List.copyOf(problems));
  }

  /** Where the next CR or LF from {@code from} is, or -1 if none, as {@link String#indexOf}. */
  private static int indexOfLineBreak(String text, int from) {
    for (int k = from; k < text.length(); k++) {
      char ch = text.charAt(k);
      if (ch == '\n' || ch == '\r') {
        return k;
      }
    }
    return -1;
  }

  private static void check(
      Path file,
      String inner,
      boolean triple,
      long line,
      int col,
      List<Tag> tags,
      Deque<Tag> open,
      List<Problem> problems) {
    String body = inner.strip();
    char kind = ' ';
    if (!triple && !body.isEmpty() && "#^/!>&<$=".indexOf(body.charAt(0)) >= 0) {
      kind = body.charAt(0);
      body = body.substring(1).strip();
    }
    switch (kind) {
      case '!':
        return;
      case '>':
        problems.add(
            new Problem(
                file,
                line,
                col,
                "partials ({{> "
                    + body
                    + "}}) are not supported: write the text into the template"));
        return;
      case '<':
      case '$':
        problems.add(
            new Problem(
                file, line, col, "template inheritance ({{" + kind + "…}}) is not supported"));
        return;
      case '=':
        problems.add(
            new Problem(file, line, col, "changing the delimiters ({{=…=}}) is not supported"));
        return;
      case '&':
        kind = ' ';
        break;
      default:
        break;
    }
    if (body.isEmpty()) {
      problems.add(new Problem(file, line, col, "an empty placeholder {{}}"));
      return;
    }
    if (!NAME.matcher(body).matches()) {
      problems.add(
          new Problem(
              file,
              line,
              col,
              "{{"
                  + inner.strip()
                  + "}} is not a valid placeholder: use a column name such as {{first_name}}"));
      return;
    }
    if (body.equals(".") && (kind != ' ' || open.isEmpty())) {
      problems.add(
          new Problem(
              file, line, col, "{{.}} can only be used inside a section such as {{#tags}}"));
      return;
    }
    Tag tag = new Tag(body, kind, line, col);
    if (kind == '#' || kind == '^') {
      open.push(tag);
    } else if (kind == '/') {
      Tag top = open.peek();
      if (top == null) {
        problems.add(
            new Problem(
                file, line, col, "{{/" + body + "}} closes a section that was never opened"));
        return;
      }
      if (!top.name().equals(body)) {
        problems.add(
            new Problem(
                file,
                line,
                col,
                "{{/"
                    + body
                    + "}} closes {{"
                    + top.kind()
                    + top.name()
                    + "}} opened at line "
                    + top.line()
                    + "; close that first"));
        return;
      }
      open.pop();
    }
    if (!body.equals(".")) {
      tags.add(tag);
    }
  }
}
