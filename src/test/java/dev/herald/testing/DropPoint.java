package dev.herald.testing;

/**
 * Where, within the message that triggers it, {@link FaultySmtpServer} drops a connection. The drop
 * is abrupt: the socket is reset (TCP RST) and the client gets no reply at all.
 */
public enum DropPoint {
  /** On MAIL FROM: the transaction never starts, nothing of the message was transferred. */
  MAIL_FROM,

  /**
   * After the whole message was transferred, instead of the reply to the final dot: the server
   * discards the message. The client cannot tell this from {@link #AFTER_ACCEPT}.
   */
  END_OF_DATA,

  /**
   * After the whole message was transferred and recorded as received, instead of the reply: the
   * server has the message but the client never hears so (the lost "250" case).
   */
  AFTER_ACCEPT
}
