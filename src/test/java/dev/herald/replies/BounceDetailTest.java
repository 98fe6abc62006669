package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BounceDetailTest {

  private static final String STATUS =
      """
      Reporting-MTA: dns; mail.next2met.example

      Final-Recipient: rfc822; first@example.org
      Action: delivered
      Status: 2.0.0

      Final-Recipient: rfc822; Anna.Nowak@kurier-podlaski.example
      Original-Recipient: rfc822; anna.nowak@kurier-podlaski.example
      Action: failed
      Status: 5.1.1
      Diagnostic-Code: smtp; 550 5.1.1 <anna.nowak@kurier-podlaski.example>:
          Recipient address rejected: User unknown
      """;

  @Test
  void readsTheStatusAndDiagnosticOfTheNamedRecipient() {
    assertEquals(
        "5.1.1 smtp; 550 5.1.1 <anna.nowak@kurier-podlaski.example>: Recipient address rejected:"
            + " User unknown",
        BounceDetail.describe(STATUS, "anna.nowak@kurier-podlaski.example"));
  }

  @Test
  void withoutAMatchingRecipientTakesTheFirstThatFailed() {
    assertEquals(
        "5.1.1 smtp; 550 5.1.1 <anna.nowak@kurier-podlaski.example>: Recipient address rejected:"
            + " User unknown",
        BounceDetail.describe(STATUS, "someone@else.example"));
  }

  @Test
  void aReportWithoutRecipientBlocksSaysNothing() {
    assertEquals("", BounceDetail.describe("Reporting-MTA: dns; x\n", "a@b.example"));
  }

  @Test
  void aHostileDiagnosticIsCutToOneShortLine() {
    String status =
        "Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.0.0\n"
            + "Diagnostic-Code: smtp; "
            + "x".repeat(5000)
            + "\r\n\tmore";

    String line = BounceDetail.describe(status.replace("\r", ""), "a@b.example");

    assertEquals(BounceDetail.MAX_CHARS, line.length());
    assertEquals(-1, line.indexOf('\n'));
  }
}
