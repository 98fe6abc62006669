package dev.herald.contacts;

import static dev.herald.testing.Malformed.HEADER;

import dev.herald.testing.Malformed;
import dev.herald.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed contact files: each is exit 2 with the file, line (and column) and the reason. */
class MalformedContactsTest {
  @TempDir Path dir;

  private static Malformed csv(String name, String text, String location, String... phrases) {
    return Malformed.of(
        name, d -> TestFiles.write(d, "contacts/media.csv", text), location, phrases);
  }

  private static Malformed bytes(String name, byte[] bytes, String location, String... phrases) {
    return Malformed.of(
        name, d -> TestFiles.write(d, "contacts/media.csv", bytes), location, phrases);
  }

  private static byte[] concat(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p;
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  static Stream<Malformed> cases() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    return Stream.of(
        csv(
            "bad address",
            HEADER + "anna@news.example,Anna,Nowak,Kurier,pl\nnot-an-address,Ben,Smit,Bode,en\n",
            "contacts/media.csv:3:1",
            "'not-an-address' is not an email address"),
        csv(
            "address with two @",
            HEADER + "anna@news@example,Anna,Nowak,Kurier,pl\n",
            "contacts/media.csv:2:1",
            "more than one @"),
        csv(
            "address with spaces around it",
            HEADER + " anna@news.example,Anna,Nowak,Kurier,pl\n",
            "contacts/media.csv:2:1",
            "has spaces around it"),
        csv(
            "empty address",
            HEADER + ",Anna,Nowak,Kurier,pl\n",
            "contacts/media.csv:2:1",
            "the email is empty"),
        csv(
            "address column not first",
            "first_name,last_name,email,outlet\nAnna,Nowak,anna.news.example,Kurier\n",
            "contacts/media.csv:2:3",
            "it has no @"),
        csv(
            "short row",
            HEADER + "anna@news.example,Anna,Nowak,Kurier\n",
            "contacts/media.csv:2",
            "has 4 fields, the header has 5"),
        csv(
            "long row",
            HEADER + "anna@news.example,Anna,Nowak,Kurier,pl,extra\n",
            "contacts/media.csv:2",
            "has 6 fields, the header has 5"),
        csv(
            "unbalanced quote",
            HEADER
                + "anna@news.example,Anna,Nowak,Kurier,pl\n"
                + "ben@news.example,\"Ben,Smit,Bode,en\n"
                + "cleo@news.example,Cleo,Dupont,Echo,fr\n",
            "contacts/media.csv:3",
            "a quoted field is never closed"),
        csv(
            "text after a closing quote",
            HEADER + "anna@news.example,\"Anna\"x,Nowak,Kurier,pl\n",
            "contacts/media.csv:2",
            "text after a closing quote"),
        bytes(
            "invalid UTF-8 bytes in a UTF-8 file",
            concat(
                HEADER,
                "anna@news.example,Anna,Wałęsa,Kurier,pl\nben@news.example,B",
                new byte[] {(byte) 0xE9, (byte) 0xFF},
                "n,Smit,Bode,en\n"),
            "contacts/media.csv:3:2",
            "'first_name' is not valid UTF-8 text"),
        bytes(
            "a file in Windows-1252 as a whole",
            concat(
                HEADER,
                "anna@news.example,Anna,Nowak,Kurier,pl\nben@news.example,B",
                new byte[] {(byte) 0xE9},
                "n,M",
                new byte[] {(byte) 0xFC},
                "ller,Bode,de\n"),
            "contacts/media.csv",
            "is not UTF-8 text: it is probably Windows-1252",
            "line 3 reads 'Bén' that way",
            "--encoding windows-1252"),
        bytes(
            "UTF-16 file without a byte-order mark",
            HEADER.getBytes(StandardCharsets.UTF_16LE),
            "contacts/media.csv",
            "is not UTF-8 text: it is UTF-16 LE text without a byte-order mark",
            "--encoding UTF-16LE"),
        bytes(
            "NUL byte",
            concat(HEADER, "anna@news.example,Anna,No", new byte[] {0}, "wak,Kurier,pl\n"),
            "contacts/media.csv:2:3",
            "'last_name' contains a NUL character"),
        csv("empty file", "", "contacts/media.csv", "is empty"),
        csv(
            "header only, with no email column",
            "name,outlet\n",
            "contacts/media.csv:1",
            "the header has no 'email' column"),
        csv(
            "duplicate header names",
            "email,outlet,first_name,Outlet\nanna@news.example,Kurier,Anna,Kurier\n",
            "contacts/media.csv:1",
            "the header names 'outlet' twice (columns 2 and 4)"),
        csv(
            "header column with no name",
            "email,,outlet\nanna@news.example,x,Kurier\n",
            "contacts/media.csv:1",
            "column 2 of the header has no name"),
        bytes(
            "byte-order mark in the middle of the header",
            concat(
                "email,first_name,",
                bom,
                "last_name,outlet,language\n",
                "anna@news.example,A,N,K,pl\n"),
            "contacts/media.csv:1",
            "column 3 of the header contains a byte-order mark"),
        bytes(
            "a second header with a byte-order mark mid-file (two files joined)",
            concat(
                bom,
                HEADER,
                "anna@news.example,Anna,Nowak,Kurier,pl\n",
                bom,
                HEADER,
                "ben@news.example,Ben,Smit,Bode,en\n"),
            "contacts/media.csv:3:1",
            "is not an email address"),
        csv(
            "a field over 65,536 characters",
            HEADER + "anna@news.example,Anna,Nowak," + "K".repeat(70_000) + ",pl\n",
            "contacts/media.csv:2:4",
            "'outlet' is 70,000 characters long; the limit is 65,536"),
        Malformed.of(
            "malformed suppression list",
            d ->
                TestFiles.write(
                    d, "contacts/optout.csv", "email,reason\nbad address,asked by phone\n"),
            "contacts/optout.csv:2:1",
            "the suppression list",
            "nobody who opted out is mailed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isReportedWithItsLocation(Malformed c) {
    c.assertReported(dir);
  }
}
