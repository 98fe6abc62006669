package dev.herald.privacy;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a working folder keeps what herald holds about people: the contact lists under {@code
 * contacts/}, the journal, the reply and interview logs, the opt-out lists, and the outbox and
 * preview copies of messages.
 */
public record Places(
    Path workdir,
    Path contacts,
    Path journal,
    Path replyLog,
    Path interviewLog,
    List<Path> optOut,
    List<Path> copies) {
  public Places {
    optOut = List.copyOf(optOut);
    copies = List.copyOf(copies);
  }
}
