package dev.herald.testing;

import dev.herald.cli.Invocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An interactive terminal for {@link CliRun#terminal}: a person who types the given answers in turn
 * (null once they run out, as at end of input) and whose password prompts get {@code password}. It
 * records every prompt it was shown.
 */
public final class FakeTerminal implements Invocation.Terminal {
  private final Deque<String> answers;
  private final String password;
  private final List<String> prompts = new ArrayList<>();

  private FakeTerminal(List<String> answers, String password) {
    this.answers = new ArrayDeque<>(answers);
    this.password = password;
  }

  /** A person who answers each question with the next of {@code answers}. */
  public static FakeTerminal answering(String... answers) {
    return new FakeTerminal(List.of(answers), null);
  }

  /** A person who types {@code password} when asked for one, and answers nothing else. */
  public static FakeTerminal typingPassword(String password) {
    return new FakeTerminal(List.of(), password);
  }

  /**
   * A person who answers each question with the next of {@code answers} and types {@code password}
   * when asked for one.
   */
  public static FakeTerminal answeringWithPassword(String password, String... answers) {
    return new FakeTerminal(List.of(answers), password);
  }

  /** Every prompt shown so far, questions and password prompts alike, in order. */
  public synchronized List<String> prompts() {
    return List.copyOf(prompts);
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public synchronized String readLine(String prompt) {
    prompts.add(prompt);
    return answers.poll();
  }

  @Override
  public synchronized char[] readPassword(String prompt) {
    prompts.add(prompt);
    return password == null ? null : password.toCharArray();
  }
}
