package dev.herald.cli;

import dev.herald.cli.Output.Kind;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's standard output or error as {@link Output} asks: line by line, it leaves out what
 * {@code -q} or the lack of {@code -v} hides, colours errors, warnings and the summary, and wraps
 * prose at the terminal's width. Text written without a line end and flushed (a progress bar
 * redrawn in place, a question) passes through as it is.
 *
 * <p>Lines that nobody marked are told apart by how they start: on standard error, {@code herald:}
 * begins an error, and everything up to the next flush belongs to it (its advice); {@code warning:}
 * begins a warning.
 */
final class OutputWriter extends PrintWriter {
  private final Lines lines;

  private OutputWriter(Lines lines) {
    super(lines, false);
    this.lines = lines;
  }

  /** {@code target} seen through {@code output}; a writer already wrapped is wrapped afresh. */
  static OutputWriter over(PrintWriter target, Output output, boolean stderr) {
    PrintWriter base = target instanceof OutputWriter w ? w.lines.target : target;
    return new OutputWriter(new Lines(base, output, stderr));
  }

  /** How much the run says. */
  Output.Level level() {
    return lines.output.level;
  }

  /** Prints {@code text} (one or more lines) as {@code kind}. */
  void println(Kind kind, String text) {
    synchronized (lock) {
      flushLine();
      lines.mark = kind;
      try {
        println(text);
        flushLine();
      } finally {
        lines.mark = null;
      }
    }
  }

  /** Ends a partial line that is still buffered so that a mark starts on a line of its own. */
  private void flushLine() {
    super.flush();
  }

  /** The line filter under the {@link PrintWriter}. */
  private static final class Lines extends Writer {
    final PrintWriter target;
    final Output output;
    private final boolean stderr;
    private final StringBuilder line = new StringBuilder();
    Kind mark;

    /** The kind of an error's lines up to the next flush; null outside an error. */
    private Kind block;

    /** A partial line already passed through as it was: the rest of it goes the same way. */
    private boolean raw;

    Lines(PrintWriter target, Output output, boolean stderr) {
      this.target = target;
      this.output = output;
      this.stderr = stderr;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        char c = cbuf[i];
        if (c == '\n') {
          endLine();
        } else {
          line.append(c);
        }
      }
    }

    private void endLine() {
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') {
        line.setLength(end - 1);
      }
      String text = line.toString();
      line.setLength(0);
      if (raw) {
        raw = false;
        if (!output.quiet() || block != null) {
          target.println(text);
        }
        return;
      }
      Kind kind = kind(text);
      if (!shown(kind)) {
        return;
      }
      if (output.quiet() && output.hiddenWarnings.get() > 0 && isSummary(kind)) {
        int n = output.hiddenWarnings.getAndSet(0);
        text += " " + n + (n == 1 ? " warning" : " warnings") + " not shown (-q).";
      }
      boolean prose = kind == Kind.ERROR || kind == Kind.WARNING;
      for (String part : wrap(text, output.width, prose)) {
        target.println(output.paint(kind, part));
      }
    }

    private Kind kind(String text) {
      if (mark != null) {
        return mark;
      }
      if (block != null) {
        return block;
      }
      if (stderr && text.startsWith("herald: ")) {
        block = Kind.ERROR;
        return Kind.ERROR;
      }
      if (text.regionMatches(true, 0, "warning: ", 0, 9)) {
        return Kind.WARNING;
      }
      return Kind.PLAIN;
    }

    private boolean shown(Kind kind) {
      return switch (kind) {
        case DETAIL -> output.verbose();
        case WARNING -> {
          if (output.quiet()) {
            output.hiddenWarnings.incrementAndGet();
            yield false;
          }
          yield true;
        }
        case PLAIN -> !output.quiet();
        default -> true;
      };
    }

    private static boolean isSummary(Kind kind) {
      return kind == Kind.SUMMARY_OK || kind == Kind.SUMMARY_FAILED;
    }

    @Override
    public void flush() {
      if (line.length() > 0 && mark == null) {
        // a bar redrawn with a carriage return, or a question: shown as it is, where it is
        if (!output.quiet() || block != null) {
          target.print(line);
        }
        line.setLength(0);
        raw = true;
      }
      if (mark == null) {
        block = null;
      }
      target.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }

  /**
   * {@code text} in lines of at most {@code width} characters, broken only at spaces, so that no
   * address, path or word is ever split; continuation lines of an indented line are indented two
   * more. Lines that align columns with runs of spaces (tables), hold tabs or escapes, and all
   * lines when {@code width} is 0, are left whole.
   */
  static List<String> wrap(String text, int width) {
    return wrap(text, width, false);
  }

  /**
   * As {@link #wrap(String, int)}; with {@code prose}, a run of spaces does not make the line a
   * table. Errors and warnings are prose, and a server's reply quoted in one may hold two spaces
   * ({@code 535 5.7.8 Authentication credentials invalid}): left whole, such a line would be cut by
   * the terminal in the middle of a word.
   */
  static List<String> wrap(String text, int width, boolean prose) {
    if (width <= 0 || text.length() <= width) {
      return List.of(text);
    }
    int indent = 0;
    while (indent < text.length() && text.charAt(indent) == ' ') {
      indent++;
    }
    String body = text.substring(indent);
    if (!prose && body.contains("  ") || body.indexOf('\t') >= 0 || body.indexOf('\u001B') >= 0) {
      return List.of(text);
    }
    String first = " ".repeat(indent);
    String next = indent == 0 ? "" : " ".repeat(indent + 2);
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder(first);
    boolean empty = true;
    boolean broken = false;
    for (String word : body.split(" ", -1)) {
      if (!empty && current.length() + 1 + word.length() > width) {
        out.add(current.toString().stripTrailing());
        current = new StringBuilder(next);
        empty = true;
        broken = true;
      }
      if (word.isEmpty() && empty && broken) {
        continue; // the rest of a run of spaces at a break: a line never starts with one
      }
      if (!empty) {
        current.append(' ');
      }
      current.append(word);
      empty = false;
    }
    out.add(current.toString());
    return out;
  }
}
