package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.SuppressedFinding;

/**
 * Holds {@code mmapcheck-ignore} to the fixtures in {@code corpus/suppressions/} and
 * {@code corpus/rules/dmabuf/bad-suppression/}: every finding a comment silences is marked
 * {@code /* suppressed: RULE *}{@code /} on its line, every such marker is silenced, and every
 * finding left is marked {@code expect:}.
 */
class SuppressionTest {

  static final Path SUPPRESSIONS = Corpus.ROOT.resolve("suppressions");
  private static final Pattern SUPPRESSED = Pattern.compile("/\\*\\s*suppressed:\\s*([\\w/-]+)\\s*\\*/");

  @TestFactory
  Stream<DynamicTest> fixtures() {
    List<Corpus.Case> cases = new ArrayList<>(Corpus.casesIn(SUPPRESSIONS));
    cases.addAll(Corpus.casesIn(Corpus.RULES.resolve("dmabuf/bad-suppression")));
    assertFalse(cases.isEmpty(), "no suppression fixtures");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  private static void check(Corpus.Case c) throws IOException {
    Map<String, Path> files = c.files();
    ScanResult scan = c.scan(Profile.CURRENT);

    Set<String> expected = new TreeSet<>();
    for (Markers.Finding m : Markers.read(files).findings())
      if (m.kind() != Markers.Kind.MISSING) expected.add(m.key());
    Set<String> active = new TreeSet<>();
    for (Finding f : scan.findings()) active.add(key(f));
    assertEquals(expected, active, c.name() + ": findings reported");

    Set<String> expectedSuppressed = new TreeSet<>();
    for (Map.Entry<String, Path> f : files.entrySet()) {
      List<String> lines = Files.readAllLines(f.getValue(), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = SUPPRESSED.matcher(lines.get(i));
        while (m.find()) expectedSuppressed.add(m.group(1) + " at " + f.getKey() + ":" + (i + 1));
      }
    }
    Set<String> suppressed = new TreeSet<>();
    for (SuppressedFinding s : scan.suppressed()) {
      suppressed.add(key(s.finding()));
      assertTrue(s.suppression().valid(), c.name() + ": silenced by an invalid suppression: " + s);
      assertEquals(s.finding().location().file(), s.suppression().at().file(), c.name());
    }
    assertEquals(expectedSuppressed, suppressed, c.name() + ": findings suppressed");
  }

  private static String key(Finding f) {
    return f.ruleId() + " at " + f.location().file() + ":" + f.location().line();
  }
}
