package org.mmapcheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patches check-patch is given: {@code git format-patch} files, mboxes of a series, or one
 * message on standard input (as b4 feeds its per-patch check commands), split into messages.
 */
final class PatchSeries {

  /** One message: where it came from, its subject, its bytes (headers, message and diff). */
  record Patch(String source, String subject, byte[] text) {
    /** How errors and headers name the patch. */
    String name() {
      return subject.isEmpty() ? source : source + " (" + subject + ")";
    }
  }

  /** An mbox separator: "From <sha> Mon Sep 17 00:00:00 2001" from format-patch, "From git@z ..." from b4. */
  private static final Pattern FROM_LINE = Pattern.compile("^From \\S+ .*$", Pattern.MULTILINE);

  /** format-patch's own separator, which opens a message even where no empty line comes before it. */
  private static final Pattern FORMAT_PATCH = Pattern.compile("From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\\r?");

  private static final Pattern SUBJECT = Pattern.compile("^Subject: *(.*(?:\\r?\\n[ \\t].*)*)", Pattern.MULTILINE);

  private static final Pattern DIFF = Pattern.compile("^(diff --git |--- \\S)", Pattern.MULTILINE);

  private PatchSeries() {}

  /** The patches of each argument in order; "-" (or no argument) is standard input. */
  static List<Patch> read(List<String> args, InputStream stdin) throws IOException {
    List<Patch> patches = new ArrayList<>();
    for (String arg : args.isEmpty() ? List.of("-") : args) {
      byte[] bytes;
      if (arg.equals("-")) {
        bytes = stdin.readAllBytes();
      } else {
        try {
          bytes = Files.readAllBytes(Path.of(arg));
        } catch (NoSuchFileException e) {
          throw new MmapCheck.BadInputException("no such patch file: " + arg);
        } catch (IOException e) {
          throw new MmapCheck.BadInputException("cannot read patch " + arg + ": " + e.getMessage());
        }
      }
      String source = arg.equals("-") ? "stdin" : Path.of(arg).getFileName().toString();
      List<Patch> found = split(source, bytes);
      if (found.isEmpty()) throw new MmapCheck.BadInputException("no patch in " + (arg.equals("-") ? "standard input" : arg));
      patches.addAll(found);
    }
    return patches;
  }

  /**
   * The messages of an mbox that carry a diff; a cover letter has none and is left out. A
   * message is cut at each "From " line that opens the text or follows an empty line, as mbox
   * readers cut them, and at each format-patch separator (files joined with cat may lack the
   * empty line); a plain diff without headers is one patch.
   */
  static List<Patch> split(String source, byte[] bytes) {
    // ISO-8859-1 maps bytes to chars one to one, so offsets found in the text cut the bytes.
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<Integer> starts = new ArrayList<>();
    Matcher from = FROM_LINE.matcher(text);
    while (from.find())
      if (from.start() == 0
          || FORMAT_PATCH.matcher(from.group()).matches()
          || text.startsWith("\n\n", from.start() - 2)
          || text.startsWith("\n\r\n", from.start() - 3))
        starts.add(from.start());
    if (starts.isEmpty() || starts.get(0) != 0) starts.add(0, 0);
    List<Patch> patches = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
      String message = text.substring(starts.get(i), end);
      if (!DIFF.matcher(message).find()) continue;
      String label = starts.size() == 1 ? source : source + "#" + (i + 1);
      patches.add(new Patch(label, subject(message), Arrays.copyOfRange(bytes, starts.get(i), end)));
    }
    return patches;
  }

  /** The Subject header, unfolded, as UTF-8 (RFC 2047 encoded words are left as they are). */
  private static String subject(String message) {
    int body = message.indexOf("\n\n");
    Matcher m = SUBJECT.matcher(body < 0 ? message : message.substring(0, body));
    if (!m.find()) return "";
    String folded = m.group(1).replaceAll("\\r?\\n[ \\t]+", " ").strip();
    return new String(folded.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
