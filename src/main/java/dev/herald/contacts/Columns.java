package dev.herald.contacts;

import java.util.List;

/** The contact columns herald understands; any other column is a template variable only. */
public final class Columns {
  public static final String EMAIL = "email";
  public static final String FIRST_NAME = "first_name";
  public static final String LAST_NAME = "last_name";
  public static final String SALUTATION = "salutation";
  public static final String OUTLET = "outlet";
  public static final String BEAT = "beat";
  public static final String LANGUAGE = "language";
  public static final String COUNTRY = "country";
  public static final String TAGS = "tags";

  public static final List<String> KNOWN =
      List.of(EMAIL, FIRST_NAME, LAST_NAME, SALUTATION, OUTLET, BEAT, LANGUAGE, COUNTRY, TAGS);

  private Columns() {}
}
