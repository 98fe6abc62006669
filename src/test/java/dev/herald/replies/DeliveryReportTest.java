package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.replies.DeliveryReport.RecipientStatus;
import dev.herald.replies.DeliveryReport.ReturnedHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryReportTest {

  @Test
  void readsEveryRecipientBlock() {
    String status =
        """
        Reporting-MTA: dns; mx.example

        Final-Recipient: rfc822; delayed@example.org
        Action: delayed
        Status: 4.4.1

        Final-Recipient: RFC822; <Failed@Example.org>
        Original-Recipient: rfc822;
         list-alias@example.org
        Action: Failed (permanent)
        Status: 5.1.1

        Final-Recipient: x-unknown-type; not-an-address
        Action: failed
        """;

    List<RecipientStatus> recipients = DeliveryReport.recipients(status);

    assertEquals(2, recipients.size());
    assertFalse(recipients.get(0).failed());
    assertTrue(recipients.get(1).failed());
    assertEquals("failed@example.org", recipients.get(1).finalRecipient());
    assertEquals("list-alias@example.org", recipients.get(1).recipient());
  }

  @Test
  void recipientWithoutActionCountsAsFailed() {
    List<RecipientStatus> recipients =
        DeliveryReport.recipients("Final-Recipient: rfc822; a@example.org\r\nStatus: 5.0.0");

    assertTrue(recipients.get(0).failed());
    assertEquals("a@example.org", recipients.get(0).recipient());
  }

  @Test
  void returnedHeadersAreDecoded() {
    byte[] headers =
        RawMail.crlf(
                """
                Message-ID:
                 <herald.x@next2met.example>
                Subject: =?UTF-8?Q?Wywiad_[ref:k3q7x2m9ab]_=C5=BC?=
                To: Anna <anna@example.org>

                body Message-ID: <not@this>
                """)
            .getBytes(StandardCharsets.US_ASCII);

    ReturnedHeaders returned = DeliveryReport.returnedHeaders(headers);

    assertEquals("<herald.x@next2met.example>", returned.messageId());
    assertEquals("Wywiad [ref:k3q7x2m9ab] ż", returned.subject());
    assertEquals("Anna <anna@example.org>", returned.to());
  }

  @Test
  void textReportsAreReadAfterTheirMarker() {
    String text =
        """
        Subject: not this one
        To: not-this@example.org
        The following address failed:  someone@example.org

        ------ This is a copy of the message, including all the headers. ------
        Message-ID: <orig@next2met.example>
        Subject: Interview request:
         campaign [ref:k3q7x2m9ab]
        To: someone@example.org
        """;

    ReturnedHeaders returned = DeliveryReport.returnedHeaders(text);

    assertEquals("<orig@next2met.example>", returned.messageId());
    assertEquals("Interview request: campaign [ref:k3q7x2m9ab]", returned.subject());
    assertEquals("someone@example.org", returned.to());
    assertEquals("", DeliveryReport.recipientFromText(text));
    assertEquals(
        "not-this@example.org", DeliveryReport.firstAddress(text, Set.of("press@example.org")));
    assertEquals(
        "someone@example.org", DeliveryReport.firstAddress(text, Set.of("not-this@example.org")));
  }

  @Test
  void recipientLinesInTextAreFoundInOrderOfTrust() {
    assertEquals(
        "a@example.org",
        DeliveryReport.recipientFromText(
            "RCPT TO:<b@example.org>\nOriginal-Recipient: rfc822; A@example.org"));
    assertEquals(
        "b@example.org", DeliveryReport.recipientFromText("550 after RCPT TO:<B@example.org>"));
    assertEquals(
        "c@example.org",
        DeliveryReport.recipientFromText("<c@example.org>: host mx said: 550 unknown user"));
    assertEquals("", DeliveryReport.recipientFromText("nothing here"));
  }

  @Test
  void undecodableSubjectIsKept() {
    assertEquals("=?x-bogus?Q?abc?=", DeliveryReport.decodeText("=?x-bogus?Q?abc?="));
    assertEquals("", DeliveryReport.decodeText(null));
  }
}
