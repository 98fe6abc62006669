package dev.herald.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Re-reading written messages with Jakarta Mail, as a mail client would. */
public final class Eml {
  private Eml() {}

  /** Parses an {@code .eml} file. */
  public static MimeMessage parse(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
      m.getContent(); // read the whole structure now, while the stream is open
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new AssertionError(file + " is not a valid message: " + e.getMessage(), e);
    }
  }

  /** The {@code .eml} files in a folder, sorted by name. */
  public static List<Path> files(Path dir) {
    return list(dir, ".eml");
  }

  /** The files in a folder whose names end with {@code suffix}, sorted by name. */
  public static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The content of the first part of this MIME type (such as {@code text/plain}), as text. */
  /** The messages in {@code dir}, by the address of their (first) To recipient. */
  public static java.util.Map<String, MimeMessage> byRecipient(Path dir) throws Exception {
    java.util.Map<String, MimeMessage> out = new java.util.HashMap<>();
    for (Path eml : files(dir)) {
      MimeMessage m = parse(eml);
      out.put(
          ((jakarta.mail.internet.InternetAddress)
                  m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0])
              .getAddress(),
          m);
    }
    return out;
  }

  public static String part(Part message, String mimeType) {
    for (Part p : leaves(message)) {
      try {
        if (p.isMimeType(mimeType)) {
          return (String) p.getContent();
        }
      } catch (MessagingException | IOException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no " + mimeType + " part");
  }

  /** The text/plain part. */
  public static String text(Part message) {
    return part(message, "text/plain");
  }

  /** The text/html part. */
  public static String html(Part message) {
    return part(message, "text/html");
  }

  /** Every part that is not itself a multipart, depth first. */
  public static List<Part> leaves(Part part) {
    List<Part> out = new ArrayList<>();
    try {
      if (part.isMimeType("multipart/*")) {
        Multipart mp = (Multipart) part.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
          BodyPart child = mp.getBodyPart(i);
          out.addAll(leaves(child));
        }
      } else {
        out.add(part);
      }
    } catch (MessagingException | IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /**
   * What is wrong with a written message's lines, or null: every line must end in CRLF (no bare CR
   * or LF) and hold at most 998 octets before it (RFC 5322 section 2.1.1).
   */
  public static String lineProblem(byte[] bytes) {
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        if (i == 0 || bytes[i - 1] != '\r') {
          return "a bare LF at byte " + i;
        }
        if (i - 1 - start > 998) {
          return "a line of " + (i - 1 - start) + " octets at byte " + start;
        }
        start = i + 1;
      } else if (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
        return "a bare CR at byte " + i;
      }
    }
    return start == bytes.length ? null : "the last line does not end in CRLF";
  }

  /** Asserts that {@link #lineProblem} finds nothing in the file. */
  public static void assertLinesOk(Path eml) {
    try {
      String problem = lineProblem(Files.readAllBytes(eml));
      if (problem != null) {
        throw new AssertionError(eml + ": " + problem);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
