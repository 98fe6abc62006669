package dev.herald.template;

import java.io.Writer;

/**
 * A Writer into a builder that each render thread reuses from message to message, for Mustache to
 * render into. {@link java.io.StringWriter} would lock a StringBuffer on every write and grow a new
 * one for every message; a body is rendered several times per message.
 */
final class TextBuffer extends Writer {
  /** A builder grown past this by one huge message is not kept for the next. */
  private static final int KEEP = 1 << 20;

  private static final ThreadLocal<TextBuffer> MINE = ThreadLocal.withInitial(TextBuffer::new);

  private StringBuilder text = new StringBuilder(8192);
  private boolean inUse;

  /** This thread's buffer, empty; a fresh one if it is already taken further up the stack. */
  static TextBuffer take() {
    TextBuffer b = MINE.get();
    if (b.inUse) {
      b = new TextBuffer();
    }
    b.inUse = true;
    b.text.setLength(0);
    return b;
  }

  /** What was written so far. */
  @Override
  public String toString() {
    return text.toString();
  }

  /** Gives the buffer back for the next render on this thread (in a finally block). */
  void release() {
    if (text.capacity() > KEEP) {
      text = new StringBuilder(8192);
    }
    inUse = false;
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    text.append(cbuf, off, len);
  }

  @Override
  public void write(int c) {
    text.append((char) c);
  }

  @Override
  public void write(String str) {
    text.append(str);
  }

  @Override
  public void write(String str, int off, int len) {
    text.append(str, off, off + len);
  }

  @Override
  public Writer append(CharSequence csq) {
    text.append(csq);
    return this;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
