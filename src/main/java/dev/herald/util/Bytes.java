package dev.herald.util;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer, reused from message to message where it can be. */
public final class Bytes extends OutputStream {
  private byte[] buf;
  private int size;

  public Bytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** The backing array: valid from 0 to {@link #size()}. */
  public byte[] array() {
    return buf;
  }

  /** Makes room for {@code more} bytes after the current end. */
  public void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  /** After writing into {@link #array()} directly (once {@link #ensure} made room). */
  public void setSize(int n) {
    size = n;
  }

  public void put(byte b) {
    if (size == buf.length) {
      ensure(1);
    }
    buf[size++] = b;
  }

  /** Appends text that is known to be ASCII (as MIME header values are once encoded). */
  public void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        // not ASCII after all (an internationalised address): the rest goes as UTF-8
        utf8(s.substring(i));
        return;
      }
      buf[size++] = (byte) c;
    }
  }

  private void utf8(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    write(b, 0, b.length);
  }

  public void crlf() {
    ensure(2);
    buf[size++] = '\r';
    buf[size++] = '\n';
  }

  /** A copy of the contents. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  @Override
  public void write(int b) {
    put((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }
}
