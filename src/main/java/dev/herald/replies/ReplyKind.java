package dev.herald.replies;

/** What a reply to a press release is, as far as herald acts on it. */
public enum ReplyKind {
  /** A journalist asks for an interview or a conversation: logged as a request. */
  INTERVIEW_REQUEST,

  /** The recipient asks to be taken off the list: added to the suppression list. */
  UNSUBSCRIBE,

  /** A delivery status notification of a permanent failure: the address is suppressed. */
  BOUNCE,

  /** An out-of-office or other automatic answer: logged, never counted. */
  AUTO_REPLY,

  /** Anything else: thanks, questions, a reply that cannot be parsed. */
  OTHER
}
