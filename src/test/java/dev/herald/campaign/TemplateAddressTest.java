package dev.herald.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.CliRun;
import dev.herald.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An address written into a template is a template problem, reported once. */
class TemplateAddressTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "From|Press <press@@next2met>|2|single valid address",
        "Reply-To|a@x.example, b@x.example|3|single valid address",
        "Cc|desk@x.example, not an address|2|list of valid addresses",
      })
  void aBadConstantAddressIsNamedOnceAtItsTemplateLine(
      String header, String value, int line, String phrase) throws Exception {
    Samples.copyTo(dir);
    Path template = dir.resolve(Samples.TEMPLATE);
    String text = Files.readString(template, StandardCharsets.UTF_8);
    if (text.contains("\n" + header + ": ")) {
      text = text.replaceFirst("\n" + header + ": [^\n]*", "\n" + header + ": " + value);
    } else {
      text = text.replaceFirst("\n", "\n" + header + ": " + value + "\n");
    }
    Files.writeString(template, text, StandardCharsets.UTF_8);
    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.out().contains("podlaskie-digitalisation.md:" + line + ":"), r.toString());
    assertTrue(r.out().contains(phrase), r.toString());
    assertFalse(r.out().contains("media.csv:2:"), "not repeated per contact: " + r);
  }

  @Test
  void aContactFileWithOnlyAHeaderSaysThereIsNobodyToSendTo() throws Exception {
    Samples.copyTo(dir);
    Files.writeString(
        dir.resolve("contacts/media.csv"),
        "email,first_name,last_name,salutation,outlet,beat,language,country,tags\n");
    CliRun.Result r = CliRun.in(dir).run("check", Samples.TEMPLATE);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("has a header row but no contacts"), r.toString());
  }
}
