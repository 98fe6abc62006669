package dev.herald.template;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.InputLimits;
import dev.herald.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template's Markdown images with a relative path, resolved to files by the rules attachments
 * follow ({@link Attachments}: inside the working folder, readable, within the size limit) and
 * given a Content-ID. The Content-ID is made from the file's content, so the same image used twice
 * is one part, and a message's bytes do not change from run to run.
 */
public final class InlineImages {
  /** The image types every common mail client shows inline, by extension. */
  private static final Map<String, String> TYPES =
      Map.of(
          "png", "image/png",
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "gif", "image/gif",
          "webp", "image/webp");

  private final Attachments files;
  private final Map<Template, Object> resolved = new ConcurrentHashMap<>();

  public InlineImages(Attachments files) {
    this.files = files;
  }

  /**
   * {@code t}'s inline images by their address as written in the body; a {@link RenderException}
   * naming the template's line if one cannot be sent.
   */
  Map<String, InlineImage> of(Template t) {
    Object r = resolved.computeIfAbsent(t, k -> tryResolve(k, files));
    if (r instanceof Problem p) {
      throw new RenderException(p);
    }
    @SuppressWarnings("unchecked")
    Map<String, InlineImage> images = (Map<String, InlineImage>) r;
    return images;
  }

  /** The bytes the distinct files of {@code images} add to a message. */
  static long bytes(Iterable<InlineImage> images) {
    long total = 0;
    List<String> seen = new ArrayList<>();
    for (InlineImage i : images) {
      if (!seen.contains(i.contentId())) {
        seen.add(i.contentId());
        total += i.file().size();
      }
    }
    return total;
  }

  /**
   * The problems with {@code t}'s inline images, as {@code check} reports them: each image that
   * cannot be sent, and the images and fixed attachments ({@code fixedBytes}) over the limit.
   */
  public static List<Problem> check(
      Template t, Attachments files, InputLimits limits, long fixedBytes) {
    List<Problem> problems = new ArrayList<>();
    Map<String, InlineImage> images = new LinkedHashMap<>();
    long line = 0;
    for (MarkdownImages.Ref ref : MarkdownImages.find(t.source())) {
      if (ref.kind() != MarkdownImages.Kind.LOCAL) {
        continue;
      }
      line = line == 0 ? ref.line() : line;
      Object r = image(t, files, ref);
      if (r instanceof Problem p) {
        problems.add(p);
      } else {
        images.put(ref.destination(), (InlineImage) r);
      }
    }
    long total = bytes(images.values());
    if (total > 0 && total + fixedBytes > limits.maxAttachmentBytes()) {
      problems.add(
          Problem.at(
              t.file(),
              line,
              "with the inline images, "
                  + Attachments.tooLarge(total + fixedBytes, limits.maxAttachmentBytes())));
    }
    return problems;
  }

  /**
   * A warning for each image that the body loads from the web: many mail clients show them only
   * when the reader asks.
   */
  public static List<String> remoteWarnings(Template t) {
    List<String> warnings = new ArrayList<>();
    for (MarkdownImages.Ref ref : MarkdownImages.find(t.source())) {
      if (ref.kind() == MarkdownImages.Kind.REMOTE) {
        warnings.add(
            Display.path(t.file())
                + ":"
                + ref.line()
                + ": the image "
                + ref.destination()
                + (ref.destination().contains("{{")
                    ? " takes its address from contact data, used as a web address (never as a"
                        + " file herald sends);"
                    : " is loaded from the web:")
                + " many mail clients block remote images until the"
                + " reader allows them; put the file beside the template and write its path"
                + " (![…](logo.png)) to send it inside the message");
      }
    }
    return warnings;
  }

  private static Object tryResolve(Template t, Attachments files) {
    Map<String, InlineImage> images = new LinkedHashMap<>();
    for (MarkdownImages.Ref ref : MarkdownImages.find(t.source())) {
      if (ref.kind() == MarkdownImages.Kind.LOCAL && !images.containsKey(ref.destination())) {
        Object r = image(t, files, ref);
        if (r instanceof Problem) {
          return r;
        }
        images.put(ref.destination(), (InlineImage) r);
      }
    }
    return Map.copyOf(images);
  }

  /** One image as an {@link InlineImage}, or the {@link Problem} that stops it. */
  private static Object image(Template t, Attachments files, MarkdownImages.Ref ref) {
    String path = percentDecoded(ref.destination());
    try {
      Attachments.Attachment a = files.resolve(t, path, "image");
      int dot = a.name().lastIndexOf('.');
      String type = TYPES.get(dot < 0 ? "" : a.name().substring(dot + 1).toLowerCase(Locale.ROOT));
      if (type == null) {
        return problem(
            t,
            ref,
            "the image '"
                + path
                + "' is not a PNG, JPEG, GIF or WebP file (by its name), the types mail clients"
                + " show inside a message; attach it instead");
      }
      byte[] head = new byte[12];
      byte[] digest;
      try (InputStream in = Files.newInputStream(a.file())) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int n = in.readNBytes(head, 0, head.length);
        sha.update(head, 0, n);
        byte[] buffer = new byte[1 << 16];
        for (int k; (k = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, k);
        }
        digest = sha.digest();
      }
      if (!looksLike(type, head)) {
        return problem(
            t, ref, "the image '" + path + "' is named as " + type + " but its content is not");
      }
      String id = HexFormat.of().formatHex(Arrays.copyOf(digest, 10)) + "@herald";
      return new InlineImage(a, type, id);
    } catch (HeraldException e) {
      return problem(t, ref, e.getMessage());
    } catch (IOException e) {
      return problem(t, ref, "the image '" + path + "' cannot be read: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always there", e);
    }
  }

  private static Problem problem(Template t, MarkdownImages.Ref ref, String message) {
    return new Problem(t.file(), ref.line(), ref.column(), message);
  }

  /** Whether the file's first bytes are those of its type: a renamed PDF is not sent as a PNG. */
  private static boolean looksLike(String type, byte[] h) {
    return switch (type) {
      case "image/png" -> startsWith(h, 0, (byte) 0x89, 'P', 'N', 'G');
      case "image/jpeg" -> startsWith(h, 0, (byte) 0xff, (byte) 0xd8, (byte) 0xff);
      case "image/gif" -> startsWith(h, 0, 'G', 'I', 'F', '8');
      case "image/webp" ->
          startsWith(h, 0, 'R', 'I', 'F', 'F') && startsWith(h, 8, 'W', 'E', 'B', 'P');
      default -> false;
    };
  }

  private static boolean startsWith(byte[] h, int at, int... expected) {
    for (int i = 0; i < expected.length; i++) {
      if (h[at + i] != (byte) expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern PERCENT = Pattern.compile("(%[0-9A-Fa-f]{2})+");

  /** A path as written in a link: {@code my%20logo.png} names {@code my logo.png}. */
  static String percentDecoded(String destination) {
    Matcher m = PERCENT.matcher(destination);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      byte[] bytes = new byte[run.length() / 3];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) Integer.parseInt(run.substring(3 * i + 1, 3 * i + 3), 16);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, StandardCharsets.UTF_8)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The HTML part as a browser shows it from a file: each {@code cid:} address of an inline image
   * replaced by the image as a {@code data:} address, which a preview page's policy allows.
   */
  public static String forBrowser(String html, List<InlineImage> images) {
    String out = html;
    for (InlineImage i : images) {
      String cid = "src=\"cid:" + i.contentId() + "\"";
      if (!out.contains(cid)) {
        continue;
      }
      try {
        String data =
            "src=\"data:"
                + i.type()
                + ";base64,"
                + Base64.getEncoder().encodeToString(Files.readAllBytes(i.file().file()))
                + "\"";
        out = out.replace(cid, data);
      } catch (IOException e) {
        throw HeraldException.input(
            "cannot read the image " + Display.path(i.file().file()) + ": " + e.getMessage());
      }
    }
    return out;
  }
}
