package dev.herald.delivery;

import dev.herald.Display;
import dev.herald.HeraldException;
import dev.herald.mailserver.Failure;
import dev.herald.mailserver.MailSessions;
import dev.herald.mailserver.ServerConfig;
import dev.herald.message.MessageBuilder;
import dev.herald.message.MessageFiles;
import jakarta.mail.MessagingException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers proofs ({@code herald send --proof-to}): over one SMTP connection, or into a folder of
 * their own when no server is configured. Unlike {@link SendRun} it writes nothing to the journal
 * and takes no lock: a proof is not a send, and no re-run depends on it.
 */
public final class ProofDelivery {
  /** What became of one proof. */
  public enum Status {
    /** The server took it. */
    SENT,
    /** Written to the proofs folder; nothing was emailed. */
    WRITTEN,
    /** The server refused it for good (5xx): usually the proof address. */
    REFUSED,
    /** The server refused it for now (4xx). */
    DEFERRED,
    /** The whole message went out but no reply came: it may have arrived. */
    UNKNOWN,
    /** Not tried: the connection failed before its turn. */
    NOT_SENT
  }

  /** One proof to deliver: the contact it was rendered for, the proof address, the message. */
  public record Proof(String contact, String to, MessageBuilder.Built message) {}

  /** What became of a proof; {@code detail} is the server's reply, or the file written. */
  public record Result(Proof proof, Status status, String detail) {}

  private ProofDelivery() {}

  /**
   * Sends each proof over one connection to {@code server}, in order. A proof the server refuses
   * does not stop the others; a connection that fails leaves the rest not sent.
   *
   * @throws HeraldException exit 4 when the server cannot be reached or signed in to: nothing sent
   */
  public static List<Result> smtp(ServerConfig server, List<Proof> proofs) {
    PipeliningTransport t;
    try {
      t = PipeliningTransport.connect(MailSessions.smtp(server), server);
    } catch (MessagingException e) {
      throw HeraldException.undeliverable(
          Failure.of(e).explain(server, "smtp") + " No proof was sent.", e);
    }
    List<Result> out = new ArrayList<>();
    try {
      String broken = null;
      for (Proof p : proofs) {
        if (broken != null) {
          out.add(new Result(p, Status.NOT_SENT, broken));
          continue;
        }
        try {
          t.send(p.message());
          out.add(new Result(p, Status.SENT, Failure.oneLine(t.getLastServerResponse())));
        } catch (NoFinalReply e) {
          broken = "not sent: the connection was lost after an earlier proof";
          out.add(new Result(p, Status.UNKNOWN, Failure.oneLine(e.getMessage())));
        } catch (MessagingException | RuntimeException e) {
          Failure f = e instanceof MessagingException m ? Failure.of(m) : Failure.local(e);
          switch (f.kind()) {
            case PERMANENT -> out.add(new Result(p, Status.REFUSED, f.reply()));
            case TEMPORARY -> out.add(new Result(p, Status.DEFERRED, f.reply()));
            default -> {
              broken = "not sent: " + f.explain(server, "smtp");
              out.add(new Result(p, Status.NOT_SENT, broken));
            }
          }
        }
      }
    } finally {
      try {
        t.close();
      } catch (MessagingException e) {
        // every proof has its outcome already; a failed QUIT changes none of them
      }
    }
    return out;
  }

  /**
   * Writes each proof into {@code folder} as {@code proof-NNNNN-CONTACT.eml}, replacing the proofs
   * written there before; emails nothing. The folder is not the outbox's campaign folder, so proofs
   * cannot be taken for the release's messages.
   */
  public static List<Result> outbox(Path folder, List<Proof> proofs) {
    try {
      Files.createDirectories(folder);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "proof-*.eml")) {
        for (Path p : old) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw HeraldException.input(
          Display.path(folder) + ": cannot write the proofs: " + e.getMessage());
    }
    List<Result> out = new ArrayList<>();
    for (Proof p : proofs) {
      Path file =
          folder.resolve("proof-" + MessageFiles.baseName(out.size() + 1, p.contact()) + ".eml");
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
        p.message().writeTo(o);
      } catch (IOException e) {
        throw HeraldException.input(Display.path(file) + ": cannot write: " + e.getMessage());
      }
      out.add(new Result(p, Status.WRITTEN, Display.path(file)));
    }
    return out;
  }
}
