package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TransferDecodingTest {

  private static String base64(String encoded) {
    return new String(
        TransferDecoding.base64(encoded.getBytes(StandardCharsets.US_ASCII)),
        StandardCharsets.UTF_8);
  }

  private static String quotedPrintable(String encoded) {
    return new String(
        TransferDecoding.quotedPrintable(encoded.getBytes(StandardCharsets.US_ASCII)),
        StandardCharsets.UTF_8);
  }

  @Test
  void base64DecodesWhatIsValidAndSkipsTheRest() {
    String encoded =
        Base64.getMimeEncoder().encodeToString("Dzień dobry".getBytes(StandardCharsets.UTF_8));

    assertEquals("Dzień dobry", base64(encoded));
    assertEquals("Dzień dobry", base64("  " + encoded.replace("", "\r\n") + "  "));
    assertEquals("ab", base64("YW%%%J!"));
    assertEquals("a", base64("YQ=="));
    assertEquals("ab", base64("YWI="));
    assertEquals("aab", base64("YQ==YWI="));
    assertEquals("a", base64("YQ"));
    assertEquals("", base64("Y"));
    assertEquals("", base64("é===="));
  }

  @Test
  void quotedPrintableIsLenient() {
    assertEquals("Chętnie", quotedPrintable("Ch=C4=99tnie"));
    assertEquals("Chętnie", quotedPrintable("Ch=c4=99tnie"));
    assertEquals("ab", quotedPrintable("a=\r\nb"));
    assertEquals("ab", quotedPrintable("a= \t\nb"));
    assertEquals("a=ZZb", quotedPrintable("a=ZZb"));
    assertEquals("a=", quotedPrintable("a="));
    assertEquals("a", quotedPrintable("a=  "));
    assertEquals("a=4", quotedPrintable("a=4"));
  }
}
