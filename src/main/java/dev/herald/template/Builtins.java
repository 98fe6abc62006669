package dev.herald.template;

import java.util.List;

/** The variables herald provides to every template besides the contact's columns. */
public final class Builtins {
  public static final String CAMPAIGN = "campaign";
  public static final String EMAIL = "email";
  public static final String NAME = "name";
  public static final String EMBARGO = "embargo";
  public static final String INTERVIEW_LINK = "interview_link";
  public static final String UNSUBSCRIBE_LINK = "unsubscribe_link";

  public static final List<String> ALL =
      List.of(CAMPAIGN, EMAIL, NAME, EMBARGO, INTERVIEW_LINK, UNSUBSCRIBE_LINK);

  private Builtins() {}
}
