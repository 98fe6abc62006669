package dev.herald.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.testing.FaultySmtpServer;
import dev.herald.testing.Samples;
import dev.herald.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI recipe of the README (docs/ci/send-release.yml) run as GitHub would run its steps, in bash
 * with pipefail, with the distribution zip as the release asset, against real SMTP servers and a
 * real git remote: a partly failed send fails the job and still keeps the journal; a refused push
 * fails loudly, keeps the journal and stops the schedule; a rebase conflict is never forced.
 */
class CiRecipeIT {
  static final String REFUSED = "l.wrobel@kurier-podlaski.example";

  @RegisterExtension
  static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path tmp;
  Path origin;
  Path workspace;
  Path ghLog;
  Workflow workflow;

  private Dist.Result git(Path dir, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Dist.Result r = Dist.run(dir, gitEnv(), command);
    assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.all());
    return r;
  }

  private Map<String, String> gitEnv() {
    return Map.of(
        "GIT_AUTHOR_NAME", "press office",
        "GIT_AUTHOR_EMAIL", "press@next2met.example",
        "GIT_COMMITTER_NAME", "press office",
        "GIT_COMMITTER_EMAIL", "press@next2met.example",
        "HOME", tmp.toString());
  }

  @BeforeEach
  void repository() throws Exception {
    Dist.requireTool("git", "git");
    Dist.requireTool("unzip", "unzip");
    Dist.requireTool("jq", "jq");
    Dist.requireTool("bash", "bash");
    workflow = new Workflow(Samples.projectRoot().resolve("docs/ci/send-release.yml"));
    origin = tmp.resolve("origin.git");
    Files.createDirectories(origin);
    git(origin, "init", "-q", "--bare", "--initial-branch=main");
    Path seed = tmp.resolve("seed");
    Files.createDirectories(seed);
    git(seed, "init", "-q", "--initial-branch=main");
    Samples.copyTo(seed);
    git(seed, "add", ".");
    git(seed, "commit", "-q", "-m", "the release and its contacts");
    git(seed, "push", "-q", origin.toString(), "main");
    workspace = tmp.resolve("workspace");
    git(tmp, "clone", "-q", origin.toString(), workspace.toString());
    ghLog = tmp.resolve("gh.log");
    Files.createFile(ghLog);
    Dist.script(
        tmp.resolve("fakes/gh"),
        "#!/bin/sh",
        "# GitHub's CLI as the recipe uses it: the release asset is the zip mvn package built",
        "echo \"gh $*\" >> \"$FAKE_GH_LOG\"",
        "if [ \"$1 $2\" = 'release download' ]; then",
        "  while [ $# -gt 0 ]; do [ \"$1\" = --dir ] && dir=$2; shift; done",
        "  cp \"$HERALD_TEST_ZIP\" \"$dir/\"",
        "fi");
  }

  private List<Workflow.Outcome> runWorkflow(String host, int port) throws Exception {
    Map<String, String> context = new HashMap<>();
    context.put("github.token", "test-token");
    context.put("github.run_id", "1");
    context.put("github.run_attempt", "1");
    context.put("vars.HERALD_REPO", "next2met/herald");
    context.put("vars.HERALD_SMTP_HOST", host);
    context.put("vars.HERALD_SMTP_PORT", String.valueOf(port));
    context.put("vars.HERALD_SMTP_SECURITY", "none");
    context.put("vars.HERALD_SMTP_USER", "");
    context.put("secrets.HERALD_SMTP_PASSWORD", "");
    context.put("secrets.HERALD_KEY", "a-test-key-of-forty-printable-characters");
    Map<String, String> base = new HashMap<>(gitEnv());
    base.put("PATH", tmp.resolve("fakes") + ":" + System.getenv("PATH"));
    base.put("FAKE_GH_LOG", ghLog.toString());
    base.put("HERALD_TEST_ZIP", Dist.archive("zip").toString());
    base.put("GITHUB_RUN_ID", "1");
    base.put("GITHUB_RUN_ATTEMPT", "1");
    base.put("GITHUB_REF_NAME", "main");
    base.put("GITHUB_REPOSITORY", "next2met/press");
    base.put("GITHUB_WORKFLOW", "send release");
    base.put("HERALD_SMTP_RETRY_DELAY_MS", "1");
    Path runner = Files.createTempDirectory(tmp, "runner");
    return workflow.run(workspace, runner, context, base);
  }

  private static Workflow.Outcome step(List<Workflow.Outcome> all, String prefix) {
    return all.stream().filter(o -> o.step().name().startsWith(prefix)).findFirst().orElseThrow();
  }

  private String originJournal() {
    Dist.Result r = Dist.run(origin, Map.of(), "git", "show", "main:logs/sends.csv");
    return r.exit() == 0 ? r.out() : "";
  }

  /** The journal in the job's working folder. */
  private String journal() throws Exception {
    return Files.readString(workspace.resolve("logs/sends.csv"));
  }

  @Test
  void aSendThatReachesEveryoneKeepsTheJournalAndStopsTheSchedule() throws Exception {
    List<Workflow.Outcome> all = runWorkflow("127.0.0.1", mail.getSmtp().getPort());
    for (Workflow.Outcome o : all) {
      assertFalse(o.failed(), o.step().name() + ": " + (o.ran() ? o.result().all() : ""));
    }
    assertTrue(step(all, "send").result().out().contains("\"status\": \"done\""), all.toString());
    int delivered = mail.getReceivedMessages().length;
    assertTrue(delivered > 10, "delivered " + delivered);
    assertEquals(journal(), originJournal());
    TestFiles.assertContains(Files.readString(ghLog), "gh workflow disable send release");
    // the next tick: nothing more is sent, the job stays green
    List<Workflow.Outcome> again = runWorkflow("127.0.0.1", mail.getSmtp().getPort());
    assertFalse(step(again, "send").failed(), step(again, "send").result().all());
    assertEquals(delivered, mail.getReceivedMessages().length);
  }

  @Test
  void aMissingServerVariableFailsTheSendInsteadOfWritingTheOutboxOnTheRunner() throws Exception {
    List<Workflow.Outcome> all = runWorkflow("", mail.getSmtp().getPort());
    Workflow.Outcome send = step(all, "send");
    assertEquals(1, send.result().exit(), send.result().all());
    TestFiles.assertContains(
        send.result().out(), "::error::The repository variable HERALD_SMTP_HOST");
    assertFalse(Files.exists(workspace.resolve("outbox")), "no messages written on the runner");
    assertFalse(step(all, "stop the schedule").ran(), "the schedule stays on once it is fixed");
    assertEquals("", originJournal());
  }

  @Test
  void aPartlyFailedSendFailsTheStepAndTheJournalIsStillPushed() throws Exception {
    try (FaultySmtpServer server =
        FaultySmtpServer.builder().rejectRecipient(REFUSED, 550, "5.1.1 no such user").start()) {
      List<Workflow.Outcome> all = runWorkflow(server.host(), server.port());
      Workflow.Outcome send = step(all, "send");
      assertEquals(3, send.result().exit(), send.result().all());
      TestFiles.assertContains(send.result().out(), "\"status\": \"partly-delivered\"");
      Workflow.Outcome commit = step(all, "commit the journal");
      assertTrue(commit.ran() && !commit.failed(), commit.result().all());
      assertFalse(step(all, "stop the schedule").ran(), "the schedule stays on for a retry");
      TestFiles.assertContains(originJournal(), REFUSED);
      assertEquals(journal(), originJournal());
      assertFalse(Files.readString(ghLog).contains("workflow disable"));
    }
  }

  @Test
  void aRefusedPushFailsLoudlyKeepsTheJournalAndStopsTheSchedule() throws Exception {
    Dist.script(
        origin.resolve("hooks/pre-receive"),
        "#!/bin/sh",
        "echo 'protected branch: pushes are refused' >&2",
        "exit 1");
    List<Workflow.Outcome> all = runWorkflow("127.0.0.1", mail.getSmtp().getPort());
    assertEquals(0, step(all, "send").result().exit(), step(all, "send").result().all());
    Workflow.Outcome commit = step(all, "commit the journal");
    assertEquals(1, commit.result().exit(), commit.result().all());
    TestFiles.assertContains(commit.result().out(), "::error::The journal could not be pushed");
    TestFiles.assertContains(commit.result().out(), "herald-journal-1-1");
    assertFalse(step(all, "stop the schedule").ran());
    assertEquals("", originJournal());
    // the journal is kept: in the working folder and in the local commit
    assertTrue(journal().lines().count() > mail.getReceivedMessages().length, journal());
    TestFiles.assertContains(git(workspace, "log", "-1", "--format=%s").out(), "send journal");
    TestFiles.assertContains(Files.readString(ghLog), "gh workflow disable send release");
  }

  @Test
  void aJournalThatConflictsIsNeverForced() throws Exception {
    // someone else sent from the same journal and pushed after this run's checkout
    Path laptop = tmp.resolve("laptop");
    git(tmp, "clone", "-q", origin.toString(), laptop.toString());
    TestFiles.write(laptop, "logs/sends.csv", "a journal written elsewhere\n");
    git(laptop, "add", "-f", "logs/sends.csv");
    git(laptop, "commit", "-q", "-m", "a send from a laptop");
    git(laptop, "push", "-q", "origin", "main");
    List<Workflow.Outcome> all = runWorkflow("127.0.0.1", mail.getSmtp().getPort());
    Workflow.Outcome commit = step(all, "commit the journal");
    assertEquals(1, commit.result().exit(), commit.result().all());
    TestFiles.assertContains(commit.result().out(), "::error::The journal conflicts");
    assertEquals("a journal written elsewhere\n", originJournal());
    assertTrue(journal().lines().count() > mail.getReceivedMessages().length, journal());
  }
}
