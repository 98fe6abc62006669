package dev.herald.hostile;

import dev.herald.testing.Xlsx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** The workbooks {@link Generators} makes for the hostile corpus. */
final class Workbooks {
  private Workbooks() {}

  private static final List<Object> HEADER =
      List.of("email", "first_name", "last_name", "outlet", "language");

  private static Path file(Path dir) {
    return dir.resolve("contacts/media.xlsx");
  }

  static void contacts(Path dir) {
    new Xlsx()
        .sheet(
            "Contacts",
            List.of(
                HEADER,
                List.of(
                    "anna@news.example",
                    new Xlsx.Formula("PROPER(\"anna\")", "Anna"),
                    "Nowak",
                    new Xlsx.Formula("\"Kurier \"&2026", "Kurier 2026"),
                    "pl"),
                List.of("ben@news.example", "Ben", "Smit", new Xlsx.Formula("1+1", 2), "en"),
                List.of("cleo@news.example", "Cleo", "Dupont", new Xlsx.Err("#REF!"), "fr")))
        .write(file(dir));
  }

  static void columns(Path dir, int n) {
    List<Object> header = new ArrayList<>(HEADER);
    for (int i = header.size(); i < n; i++) {
      header.add("c" + i);
    }
    new Xlsx()
        .sheet(
            "Contacts", List.of(header, List.of("anna@news.example", "Anna", "Nowak", "K", "pl")))
        .write(file(dir));
  }

  static void bomb(Path dir, int megabytes) {
    Path small = dir.resolve("small.xlsx");
    new Xlsx()
        .sheet(
            "Contacts", List.of(HEADER, List.of("anna@news.example", "Anna", "Nowak", "K", "pl")))
        .write(small);
    try (ZipFile in = new ZipFile(small.toFile());
        ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file(dir)))) {
      for (ZipEntry e : Collections.list(in.entries())) {
        z.putNextEntry(new ZipEntry(e.getName()));
        byte[] data = in.getInputStream(e).readAllBytes();
        if (e.getName().endsWith("sheet1.xml")) {
          String xml = new String(data, StandardCharsets.UTF_8);
          int at = xml.indexOf("<sheetData>") + "<sheetData>".length();
          z.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
          byte[] blanks = new byte[1 << 20];
          Arrays.fill(blanks, (byte) ' ');
          for (int i = 0; i < megabytes; i++) {
            z.write(blanks);
          }
          z.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
        } else {
          z.write(data);
        }
        z.closeEntry();
      }
      Files.delete(small);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void truncated(Path dir) {
    contacts(dir);
    try {
      byte[] all = Files.readAllBytes(file(dir));
      Files.write(file(dir), Arrays.copyOf(all, all.length / 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void xls(Path dir) {
    byte[] ole2 = new byte[4096];
    byte[] magic = {
      (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    System.arraycopy(magic, 0, ole2, 0, magic.length);
    try {
      Files.createDirectories(dir.resolve("contacts"));
      Files.write(dir.resolve("contacts/media.xls"), ole2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
