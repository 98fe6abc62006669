package dev.herald.signin;

import static dev.herald.testing.TestFiles.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.herald.testing.CliRun;
import dev.herald.testing.PressMailbox;
import dev.herald.testing.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code interviews fetch --imap-auth xoauth2} against GreenMail's IMAP. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class XOAuth2FetchTest {
  @RegisterExtension final GreenMailExtension mail = PressMailbox.server();
  @TempDir Path dir;

  @BeforeEach
  void sample() {
    Samples.copyTo(dir);
  }

  private CliRun.Result fetch(String token, String... more) {
    List<String> args = new ArrayList<>(List.of("interviews", "fetch"));
    args.addAll(PressMailbox.fetchOptions(mail));
    args.addAll(List.of("--imap-auth", "xoauth2"));
    args.addAll(List.of(more));
    return CliRun.in(dir).env(Map.of("HERALD_IMAP_TOKEN", token)).run(args.toArray(String[]::new));
  }

  @Test
  void aGoodTokenSignsIn() {
    CliRun.Result r = fetch(PressMailbox.PASSWORD);

    assertEquals(0, r.exitCode(), r::toString);
    assertFalse(r.all().contains(PressMailbox.PASSWORD), r::toString);
  }

  @Test
  void aWrongTokenIsExitFourAndIsInNoOutput() {
    CliRun.Result r = fetch("imap-wrong-token-31337", "--stacktrace");

    assertEquals(4, r.exitCode(), r::toString);
    assertContains(r.err(), "refused the access token from HERALD_IMAP_TOKEN");
    assertFalse(r.all().contains("imap-wrong-token-31337"), r::toString);
  }
}
