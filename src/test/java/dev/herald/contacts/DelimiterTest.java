package dev.herald.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The separator read from a header line, including the ambiguous ones. */
class DelimiterTest {
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "email,first_name,last_name|COMMA",
        "email;first_name;last_name|SEMICOLON",
        "email\tfirst_name\tlast_name|TAB",
        "email|COMMA", // one column: nothing to tell, the comma
        "\"Email\";\"Nazwisko, imię\"|SEMICOLON", // a comma inside quotes does not count
        "\"e;mail\",email|COMMA", // a semicolon inside quotes does not count
        "email;name,surname|SEMICOLON", // the separator that yields an email column wins
        "name,surname;email|SEMICOLON",
        "name;surname;city,email|COMMA",
        "a,b;c;d|SEMICOLON", // no email column: the most columns
        "a,b;c|COMMA", // a tie: the comma
        "\uFEFFemail;name|SEMICOLON",
      })
  void readsTheSeparatorFromTheHeader(String header, Delimiter expected) {
    assertEquals(expected, Delimiter.of(header.replace("\\t", "\t")));
  }
}
