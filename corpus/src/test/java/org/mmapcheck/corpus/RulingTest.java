package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.report.Inventory;
import org.mmapcheck.rules.BuiltinRules;

/**
 * The ruling test: whole Debian kernel trees against the reviewed baselines in
 * {@code corpus/ruling/<tree>/}: the inventory, and the findings of each profile
 * ({@code findings.tsv} for current, {@code findings-2012.tsv} for 2012). Runs when {@code MMAPCHECK_KERNELS} (or the system property
 * {@code mmapcheck.kernels}) names a directory holding the unpacked trees, e.g.
 * {@code linux-source-6.12/}; skipped, loudly, otherwise. On a mismatch the actual files are
 * written to {@code target/ruling/<tree>/} for diffing.
 */
class RulingTest {

  static final Path BASELINES = Corpus.ROOT.resolve("ruling");
  static final String HEADER_INVENTORY = "id\tmmap\tbegin_cpu_access\tend_cpu_access";
  static final String HEADER_FINDINGS = "path\tfunction\trule\tverdict";

  @TestFactory
  Stream<DynamicTest> kernels() throws IOException {
    List<Path> trees;
    try (Stream<Path> dirs = Files.list(BASELINES)) {
      trees = dirs.filter(Files::isDirectory).sorted().toList();
    }
    return trees.stream().map(b -> DynamicTest.dynamicTest(b.getFileName().toString(), () -> rule(b)));
  }

  private static void rule(Path baseline) throws IOException {
    String name = baseline.getFileName().toString();
    String kernels = System.getProperty("mmapcheck.kernels", System.getenv("MMAPCHECK_KERNELS"));
    Path tree = kernels == null ? null : Path.of(kernels, name);
    if (tree == null || !Files.isDirectory(tree)) {
      String why =
          "SKIPPED ruling test for " + name + ": set MMAPCHECK_KERNELS to a directory holding " + name
              + "/ (apt-get install " + name + ", unpack /usr/src/" + name + ".tar.xz there)";
      System.err.println(why);
      Assumptions.abort(why);
    }
    ScanResult scan = new Corpus.Case(tree, name, List.of("")).scan(Profile.CURRENT);
    ScanResult original = new Corpus.Case(tree, name, List.of("")).scan(Profile.ORIGINAL_2012);

    List<String> inventory = new ArrayList<>();
    for (Inventory.Exporter e : Inventory.of(scan)) {
      inventory.add(
          String.join("\t", e.id(), handler(e.mmap()), handler(e.beginCpuAccess()), handler(e.endCpuAccess())));
    }
    List<String> expectedInventory = rows(baseline.resolve("inventory.tsv"));

    List<String> expectedFindings = rows(baseline.resolve("findings.tsv"));
    List<String> findings = findings(name + " current", scan, expectedFindings);
    List<String> expected2012 = rows(baseline.resolve("findings-2012.tsv"));
    List<String> findings2012 = findings(name + " 2012", original, expected2012);
    System.out.println("ruling " + name + ": " + inventory.size() + " exporters");
    if (!inventory.equals(expectedInventory) || !findings.equals(expectedFindings) || !findings2012.equals(expected2012)) {
      Path out = Corpus.ROOT.resolve("target/ruling/" + name);
      Files.createDirectories(out);
      write(out.resolve("inventory.tsv"), HEADER_INVENTORY, inventory);
      write(out.resolve("findings.tsv"), HEADER_FINDINGS, findings);
      write(out.resolve("findings-2012.tsv"), HEADER_FINDINGS, findings2012);
      System.err.println("ruling " + name + ": actual results written to " + out);
    }
    List<String> differences = new ArrayList<>();
    differences.addAll(difference("inventory", expectedInventory, inventory));
    differences.addAll(difference("findings", expectedFindings, findings));
    differences.addAll(difference("findings-2012", expected2012, findings2012));
    assertEquals(List.of(), differences, name + ": diff corpus/ruling/" + name + " with target/ruling/" + name);
  }

  private static List<String> difference(String what, List<String> expected, List<String> actual) {
    List<String> out = new ArrayList<>();
    for (String row : expected) if (!actual.contains(row)) out.add(what + " baseline row not produced: " + row);
    for (String row : actual) if (!expected.contains(row)) out.add(what + " row not in baseline: " + row);
    return out;
  }

  /** The scan's findings with the baseline's verdicts; prints precision per rule. */
  private static List<String> findings(String label, ScanResult scan, List<String> baseline) {
    Map<String, String> verdicts = new TreeMap<>();
    for (String row : baseline) {
      String[] cols = row.split("\t");
      verdicts.put(cols[0] + "\t" + cols[1] + "\t" + cols[2], cols[3]);
    }
    TreeSet<String> found = new TreeSet<>();
    for (Finding f : scan.findings())
      found.add(f.location().file() + "\t" + f.function() + "\t" + f.ruleId());
    List<String> findings = new ArrayList<>();
    Map<String, int[]> tally = new TreeMap<>();
    for (String key : found) {
      String verdict = verdicts.getOrDefault(key, "unreviewed");
      findings.add(key + "\t" + verdict);
      int[] t = tally.computeIfAbsent(key.substring(key.lastIndexOf('\t') + 1), k -> new int[2]);
      if (verdict.equals("true-positive")) t[0]++;
      else t[1]++;
    }
    for (Map.Entry<String, String> v : verdicts.entrySet())
      if (v.getValue().equals("false-negative") && !found.contains(v.getKey())) findings.add(v.getKey() + "\tfalse-negative");
    findings.sort(null);
    System.out.println("ruling " + label + ": " + found.size() + " findings");
    for (var r : BuiltinRules.all()) {
      int[] t = tally.getOrDefault(r.id(), new int[2]);
      System.out.printf("ruling %s: %-28s TP %d FP %d precision %s%n", label, r.id(), t[0], t[1],
          t[0] + t[1] == 0 ? "n/a" : String.format("%.2f", (double) t[0] / (t[0] + t[1])));
    }
    return findings;
  }

  private static String handler(Inventory.Handler h) {
    if (h == null) return "-";
    return h.file() == null ? h.name() + "(undefined)" : h.name() + "@" + h.file() + ":" + h.line();
  }

  private static List<String> rows(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return new ArrayList<>(lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList());
  }

  private static void write(Path file, String header, List<String> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
