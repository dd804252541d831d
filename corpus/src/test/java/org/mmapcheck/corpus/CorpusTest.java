package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.report.Inventory;
import org.mmapcheck.rules.BuiltinRules;

/**
 * Runs every rule over every fixture, in each profile, and holds the findings to the fixtures' own
 * markers, both ways: each marker hit (with its level and message fragment, where it gives them),
 * each finding marked. Prints precision and recall per rule over both profiles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusTest {

  /** Per rule: expected and found, known false positives, known false negatives. */
  private final Map<String, int[]> tally = new ConcurrentHashMap<>();

  @TestFactory
  Stream<DynamicTest> ruleFixtures() {
    return Corpus.ruleCases().stream().flatMap(CorpusTest.this::findingsInEachProfile);
  }

  private Stream<DynamicTest> findingsInEachProfile(Corpus.Case c) {
    return Stream.of(Profile.values())
        .map(p -> DynamicTest.dynamicTest(c.name() + " [" + p.label() + "]", () -> checkFindings(c, p)));
  }

  @TestFactory
  Stream<DynamicTest> exporterFixtures() {
    return Corpus.casesIn(Corpus.MODEL).stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> checkExporters(c)));
  }

  @TestFactory
  Stream<DynamicTest> sampleTree() {
    Corpus.Case sample = Corpus.sample();
    return Stream.concat(
        findingsInEachProfile(sample), Stream.of(DynamicTest.dynamicTest("sample exporters", () -> checkExporters(sample))));
  }

  private void checkFindings(Corpus.Case c, Profile profile) throws IOException {
    Markers markers = Markers.read(c.files());
    ScanResult scan = c.scan(profile);
    assertTrue(scan.successful(), () -> "scan not successful: " + scan.notifications());
    Map<String, List<Finding>> found = new TreeMap<>();
    for (Finding f : scan.findings())
      found.computeIfAbsent(f.ruleId() + " at " + f.location().file() + ":" + f.location().line(), k -> new ArrayList<>()).add(f);

    List<String> problems = new ArrayList<>();
    Set<String> marked = new TreeSet<>();
    for (Markers.Finding m : markers.findings(profile)) {
      int[] t = tally.computeIfAbsent(m.ruleId(), k -> new int[3]);
      List<Finding> there = found.get(m.key());
      switch (m.kind()) {
        case EXPECT -> {
          marked.add(m.key());
          if (there == null) problems.add("expected, not found: " + m.key());
          else {
            t[0]++;
            problems.addAll(mismatches(m, there));
          }
        }
        case SPURIOUS -> {
          marked.add(m.key());
          if (there == null) problems.add("labelled expect-spurious but no longer reported (relabel it): " + m.key());
          else {
            t[1]++;
            problems.addAll(mismatches(m, there));
          }
        }
        case MISSING -> {
          if (there != null) problems.add("labelled expect-missing but now found (relabel it expect): " + m.key());
          else t[2]++;
        }
      }
    }
    for (String f : found.keySet()) if (!marked.contains(f)) problems.add("found, not marked: " + f);
    assertEquals(List.of(), problems, c.name() + " in profile " + profile.label());
  }

  /** What a marker's level and message fragment say that the findings at its line do not. */
  private static List<String> mismatches(Markers.Finding m, List<Finding> there) {
    List<String> out = new ArrayList<>();
    for (Finding f : there) {
      if (m.level() != null && !m.level().equals(f.severity().sarifLevel()))
        out.add(m.key() + ": level " + f.severity().sarifLevel() + ", marked " + m.level());
      if (m.fragment() != null && !f.message().contains(m.fragment()))
        out.add(m.key() + ": message lacks \"" + m.fragment() + "\": " + f.message());
    }
    return out;
  }

  private void checkExporters(Corpus.Case c) throws IOException {
    Map<String, java.nio.file.Path> files = c.files();
    Markers markers = Markers.read(files);
    ScanResult scan = c.scan(Profile.CURRENT);
    Map<String, Inventory.Exporter> found = new TreeMap<>();
    for (Inventory.Exporter e : Inventory.of(scan))
      if (files.containsKey(e.file())) found.put(e.file() + ":" + e.line(), e);
    Map<String, Markers.Exporter> expected = new TreeMap<>();
    for (Markers.Exporter m : markers.exporters()) expected.put(m.file() + ":" + m.line(), m);
    assertEquals(expected.keySet(), found.keySet(), c.name() + ": exporters found at other lines than marked");

    for (Map.Entry<String, Markers.Exporter> e : expected.entrySet()) {
      Inventory.Exporter actual = found.get(e.getKey());
      Map<String, String> want = e.getValue().handlers();
      checkHandler(c, e.getKey(), "mmap", want.get("mmap"), actual.mmap());
      checkHandler(c, e.getKey(), "begin", want.get("begin"), actual.beginCpuAccess());
      checkHandler(c, e.getKey(), "end", want.get("end"), actual.endCpuAccess());
    }
  }

  private static void checkHandler(
      Corpus.Case c, String where, String field, String want, Inventory.Handler actual) throws IOException {
    String context = c.name() + " " + where + " " + field;
    if (want == null || want.equals("-")) {
      assertEquals(null, actual, context + ": expected no handler");
      return;
    }
    assertTrue(actual != null, context + ": expected " + want + ", found none");
    if (want.endsWith("?")) {
      assertEquals(want.substring(0, want.length() - 1), actual.name(), context);
      assertEquals(null, actual.file(), context + ": expected unresolved");
      return;
    }
    assertEquals(want, actual.name(), context);
    assertFalse(actual.file() == null, context + ": " + want + " not resolved to a definition");
    String line = Files.readAllLines(c.root().resolve(actual.file())).get(actual.line() - 1);
    assertTrue(line.contains(want), context + ": resolved to " + actual.file() + ":" + actual.line() + ", which reads: " + line);
  }

  @AfterAll
  void printPrecisionAndRecall() {
    System.out.println();
    System.out.println("corpus: rule (both profiles)         TP  FP  FN  precision  recall");
    for (var r : BuiltinRules.all()) {
      int[] t = tally.getOrDefault(r.id(), new int[3]);
      System.out.printf(
          "corpus: %-28s %3d %3d %3d  %9s  %6s%n",
          r.id(), t[0], t[1], t[2], ratio(t[0], t[0] + t[1]), ratio(t[0], t[0] + t[2]));
    }
  }

  private static String ratio(int part, int whole) {
    return whole == 0 ? "n/a" : String.format("%.2f", (double) part / whole);
  }
}
