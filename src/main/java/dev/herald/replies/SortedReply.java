package dev.herald.replies;

import java.util.List;
import java.util.Objects;

/**
 * One reply, sorted: what it is, who sent it, and what ties it to the message it answers.
 *
 * @param kind what the reply is
 * @param messageId the reply's own Message-ID (with its angle brackets), or "" if it has none
 * @param from the sender's address (addr-spec, lower case), or "" if there is none
 * @param subject the decoded subject, or "" if there is none
 * @param referencedIds the Message-IDs named in In-Reply-To and References, with their angle
 *     brackets, in that order, each once; for a bounce also the Message-ID of the returned original
 * @param refTokens the tokens of {@code [ref:…]} in the subject (for a bounce also in the returned
 *     original's subject), lower case, each once
 * @param bouncedRecipient for a bounce, the recipient that failed, lower case (or "" if the report
 *     names none); "" for every other kind
 * @param ownWords the reply's own text, without the quoted original and the signature, trimmed, at
 *     most 2000 characters
 */
public record SortedReply(
    ReplyKind kind,
    String messageId,
    String from,
    String subject,
    List<String> referencedIds,
    List<String> refTokens,
    String bouncedRecipient,
    String ownWords) {

  public SortedReply {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(subject, "subject");
    referencedIds = List.copyOf(referencedIds);
    refTokens = List.copyOf(refTokens);
    Objects.requireNonNull(bouncedRecipient, "bouncedRecipient");
    Objects.requireNonNull(ownWords, "ownWords");
  }
}
