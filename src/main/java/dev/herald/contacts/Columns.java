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

  /** Where the address came from ("public editorial address", "met at the fair"): journalled. */
  public static final String SOURCE = "source";

  /** Why writing to it is lawful ("legitimate interest", "consent 2026-03-02"): journalled. */
  public static final String LEGAL_BASIS = "legal_basis";

  public static final List<String> KNOWN =
      List.of(
          EMAIL,
          FIRST_NAME,
          LAST_NAME,
          SALUTATION,
          OUTLET,
          BEAT,
          LANGUAGE,
          COUNTRY,
          TAGS,
          SOURCE,
          LEGAL_BASIS);

  private Columns() {}
}
