package dev.herald.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * An HTML page herald writes (the email's HTML part around its body, the preview index), kept as a
 * Mustache template among the classpath resources. Every {@code {{value}}} is escaped with {@link
 * SafeHtml#escape}; only triple braces write a value as it is, for HTML that is already safe.
 */
public final class PageTemplate {
  /**
   * Mustache with herald's escaping rather than the library's own, which also escapes {@code =} and
   * the backtick: a page reads the same as the one written before it was a template.
   */
  private static final DefaultMustacheFactory FACTORY =
      new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
          try {
            writer.write(SafeHtml.escape(value));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private final Mustache mustache;

  private PageTemplate(Mustache mustache) {
    this.mustache = mustache;
  }

  /** The template at {@code resource}, a classpath path such as {@code dev/herald/x.mustache}. */
  public static PageTemplate load(String resource) {
    return new PageTemplate(FACTORY.compile(resource));
  }

  /** The page for {@code scope}: a map, or an object whose methods name the values. */
  public String render(Object scope) {
    TextBuffer out = TextBuffer.take();
    try {
      mustache.execute(out, scope);
      return out.toString();
    } finally {
      out.release();
    }
  }
}
