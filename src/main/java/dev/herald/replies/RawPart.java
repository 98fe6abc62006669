package dev.herald.replies;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A MIME part as the sorter reads it: its header fields, and its content as sent, still in its
 * transfer encoding. The reply itself is one; {@link PartReader#split} makes the parts of a
 * multipart into others.
 */
interface RawPart {

  /** The first value of a header field, unfolded, or {@code null}; never throws. */
  String header(String name);

  /** The content as sent, read lazily: the caller decides how much of it to read. */
  InputStream content() throws IOException, MessagingException;
}
