package dev.herald.signin;

import dev.herald.HeraldException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program that prints an access token, as msmtp's {@code passwordeval} or git's credential
 * helpers work: run without a shell (so nothing in the setting is expanded or piped), its standard
 * output trimmed is the token. {@code setting} names where it was configured, for messages.
 */
public record TokenCommand(List<String> args, Path workdir, String setting, Duration limit)
    implements TokenSource {

  /** How long a token command may take. */
  public static final Duration LIMIT = Duration.ofSeconds(30);

  /** Output beyond this is not a token. */
  private static final int MAX_BYTES = 1 << 20;

  public TokenCommand {
    args = List.copyOf(args);
  }

  /**
   * Splits a command line: arguments are separated by white space; a double-quoted part may hold
   * spaces (the quotes are removed). There is no other quoting and no escape character, so a
   * Windows path needs nothing special.
   *
   * @throws HeraldException exit 2 for an empty command or an unclosed quote
   */
  public static List<String> split(String line, String setting) {
    List<String> out = new ArrayList<>();
    StringBuilder arg = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (!quoted && Character.isWhitespace(c)) {
        if (any) {
          out.add(arg.toString());
          arg.setLength(0);
          any = false;
        }
      } else {
        arg.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw HeraldException.input(
          setting + ": a double quote is not closed; quote an argument that holds spaces whole");
    }
    if (any) {
      out.add(arg.toString());
    }
    if (out.isEmpty() || out.get(0).isEmpty()) {
      throw HeraldException.input(setting + ": names no program to run");
    }
    return List.copyOf(out);
  }

  @Override
  public char[] fetch() {
    List<String> command = new ArrayList<>(args);
    // A relative program path is relative to the working folder, like every path in settings.
    String program = command.get(0);
    if ((program.contains("/") || program.contains("\\")) && !Path.of(program).isAbsolute()) {
      command.set(0, workdir.resolve(program).toString());
    }
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .directory(workdir.toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      p.getOutputStream().close();
    } catch (IOException e) {
      throw HeraldException.undeliverable(
          "the token command ("
              + setting
              + ") could not be started: "
              + e.getMessage()
              + ". Check the program's name and path. Nothing was sent.",
          null);
    }
    CompletableFuture<byte[]> out = read(p.getInputStream());
    CompletableFuture<byte[]> err = read(p.getErrorStream());
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw HeraldException.undeliverable(
            "the token command ("
                + setting
                + ") did not finish within "
                + limit.toSeconds()
                + " s. Nothing was sent.",
            null);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HeraldException(1, "interrupted while waiting for the token command");
    }
    String stderr = firstLine(err.join());
    byte[] stdout = out.join();
    if (p.exitValue() != 0) {
      throw HeraldException.undeliverable(
          "the token command ("
              + setting
              + ") failed with exit code "
              + p.exitValue()
              + (stderr.isEmpty() ? "" : ": " + stderr)
              + ". Nothing was sent.",
          null);
    }
    String token = new String(stdout, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw HeraldException.undeliverable(
          "the token command ("
              + setting
              + ") printed no token"
              + (stderr.isEmpty() ? "" : ": " + stderr)
              + ". Nothing was sent.",
          null);
    }
    return token.toCharArray();
  }

  private static CompletableFuture<byte[]> read(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            byte[] b = in.readNBytes(MAX_BYTES);
            in.transferTo(OutputStream.nullOutputStream());
            return b;
          } catch (IOException e) {
            return new byte[0];
          }
        });
  }

  private static String firstLine(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8).strip();
    int nl = s.indexOf('\n');
    return dev.herald.Display.reply(nl < 0 ? s : s.substring(0, nl).strip());
  }

  @Override
  public String describe() {
    return "the token command (" + setting + ")";
  }
}
