package dev.herald.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.herald.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One piece of template text (a header value or the body) compiled with Mustache, together with the
 * placeholders it uses and where each one is. Values are written exactly as given: Mustache's HTML
 * escaping is right only for the HTML part, which {@link Renderer} handles itself.
 */
public final class Snippet {
  private static final AtomicLong IDS = new AtomicLong();

  /** A factory that writes values unescaped; escaping is the caller's business. */
  private static final class RawFactory extends DefaultMustacheFactory {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final RawFactory FACTORY = new RawFactory();

  private final String text;
  private final List<Placeholders.Tag> tags;
  private final Mustache mustache;

  private Snippet(String text, List<Placeholders.Tag> tags, Mustache mustache) {
    this.text = text;
    this.tags = tags;
    this.mustache = mustache;
  }

  /**
   * Scans and compiles {@code text}, located at {@code line}:{@code column} of {@code file}, with
   * sections nested at most {@code maxDepth} deep. Throws a {@link TemplateException} listing every
   * syntax problem.
   */
  public static Snippet compile(Path file, String text, long line, int column, int maxDepth) {
    Placeholders.Scan scan = Placeholders.scan(file, text, line, column, maxDepth);
    if (!scan.problems().isEmpty()) {
      throw new TemplateException(scan.problems());
    }
    if (scan.tags().isEmpty()) {
      return new Snippet(text, scan.tags(), null);
    }
    try {
      Mustache m = FACTORY.compile(new StringReader(text), "snippet-" + IDS.incrementAndGet());
      return new Snippet(text, scan.tags(), m);
    } catch (MustacheException e) {
      throw new TemplateException(
          List.of(new Problem(file, line, column, "cannot compile: " + e.getMessage())));
    }
  }

  public String text() {
    return text;
  }

  public List<Placeholders.Tag> tags() {
    return tags;
  }

  public boolean constant() {
    return mustache == null;
  }

  /** Renders with the given scope; names are all known to be present (checked beforehand). */
  public String render(Map<String, ?> scope) {
    if (mustache == null) {
      return text;
    }
    TextBuffer w = TextBuffer.take();
    try {
      mustache.execute(w, scope);
      return w.toString();
    } finally {
      w.release();
    }
  }
}
