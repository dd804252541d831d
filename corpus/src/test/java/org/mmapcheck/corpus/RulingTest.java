package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.report.Inventory;
import org.mmapcheck.rules.BuiltinRules;

/**
 * The ruling test: whole Debian kernel trees against the reviewed baselines in
 * {@code corpus/ruling/<tree>/}: the inventory, the review of its mmap profile
 * ({@code inventory-review.tsv}: each field's value with a verdict and a reason), and the findings of each profile
 * ({@code findings.tsv} for current, {@code findings-2012.tsv} for 2012), one row per finding with
 * its line and the review's verdict and reason, so a finding that moves within its function fails too. Runs when {@code MMAPCHECK_KERNELS} (or the system property
 * {@code mmapcheck.kernels}) names a directory holding the unpacked trees, e.g.
 * {@code linux-source-6.12/}; skipped, loudly, otherwise. On a mismatch the actual files are
 * written to {@code target/ruling/<tree>/} for diffing.
 */
class RulingTest {

  static final Path BASELINES = Corpus.ROOT.resolve("ruling");
  static final String HEADER_INVENTORY = "id\tmmap\tbegin_cpu_access\tend_cpu_access";
  static final String HEADER_FINDINGS = "path\tline\tfunction\trule\tverdict\treason";
  static final String HEADER_REVIEW = "exporter\tfield\tvalue\tverdict\treason";
  /** The profile fields {@code inventory-review.tsv} reviews, by their JSON names. */
  static final List<String> REVIEWED_FIELDS = List.of(
      "mapping", "caching", "vmFile", "pgoff", "dontExpand", "beginMaintainsCaches", "endMaintainsCaches");

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
    // The review gives each field's value a verdict and a reason: a value that changes needs a new review.
    Map<String, String> reviewed = new HashMap<>();
    for (String row : rows(baseline.resolve("inventory-review.tsv"))) {
      String[] cols = row.split("\t");
      reviewed.put(cols[0] + "\t" + cols[1] + "\t" + cols[2], row);
    }
    List<String> review = new ArrayList<>();
    for (Inventory.Exporter e : Inventory.of(scan))
      for (String field : REVIEWED_FIELDS) {
        String key = e.id() + "\t" + field + "\t" + value(e.profile(), field);
        review.add(reviewed.getOrDefault(key, key + "\tunreviewed\t-"));
      }
    List<String> expectedReview = rows(baseline.resolve("inventory-review.tsv"));

    List<Row> expectedFindings = rows(baseline.resolve("findings.tsv")).stream().map(Row::parse).toList();
    List<Row> findings = findings(name + " current", scan, expectedFindings);
    List<Row> expected2012 = rows(baseline.resolve("findings-2012.tsv")).stream().map(Row::parse).toList();
    List<Row> findings2012 = findings(name + " 2012", original, expected2012);
    System.out.println("ruling " + name + ": " + inventory.size() + " exporters");
    List<String> differences = new ArrayList<>();
    differences.addAll(difference("inventory", expectedInventory, inventory, Function.identity()));
    differences.addAll(difference("inventory-review", expectedReview, review, Function.identity()));
    differences.addAll(findingDifference("findings", expectedFindings, findings));
    differences.addAll(findingDifference("findings-2012", expected2012, findings2012));
    for (Row r : expectedFindings) if (r.reason().isBlank()) differences.add("findings: no reason for " + r.where());
    for (Row r : expected2012) if (r.reason().isBlank()) differences.add("findings-2012: no reason for " + r.where());
    // A row without a reason changes no row, so the differences decide too.
    if (!differences.isEmpty() || !inventory.equals(expectedInventory) || !review.equals(expectedReview) || !findings.equals(expectedFindings) || !findings2012.equals(expected2012)) {
      Path out = Corpus.ROOT.resolve("target/ruling/" + name);
      Files.createDirectories(out);
      write(out.resolve("inventory.tsv"), HEADER_INVENTORY, inventory);
      write(out.resolve("inventory-review.tsv"), HEADER_REVIEW, review);
      write(out.resolve("findings.tsv"), HEADER_FINDINGS, findings.stream().map(Row::tsv).toList());
      write(out.resolve("findings-2012.tsv"), HEADER_FINDINGS, findings2012.stream().map(Row::tsv).toList());
      System.err.println("ruling " + name + ": actual results written to " + out);
    }
    if (!differences.isEmpty())
      fail(name + ": diff corpus/ruling/" + name + " with target/ruling/" + name + "\n  " + String.join("\n  ", differences));
  }

  private static <T> List<String> difference(String what, List<T> expected, List<T> actual, Function<T, String> show) {
    List<String> out = new ArrayList<>();
    for (T row : expected) if (!actual.contains(row)) out.add(what + ": baseline row not produced: " + show.apply(row));
    for (T row : actual) if (!expected.contains(row)) out.add(what + ": row not in baseline: " + show.apply(row));
    return out;
  }

  /** As {@link #difference}, but a finding that moved within its function is named once, with both places. */
  private static List<String> findingDifference(String what, List<Row> expected, List<Row> actual) {
    List<Row> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<Row> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    List<String> out = new ArrayList<>();
    for (Row e : List.copyOf(missing)) {
      for (Row a : extra) {
        if (a.path().equals(e.path()) && a.function().equals(e.function()) && a.rule().equals(e.rule())) {
          out.add(what + ": finding in " + e.function() + " moved: expected " + e.where() + ", actual " + a.where());
          missing.remove(e);
          extra.remove(a);
          break;
        }
      }
    }
    out.addAll(difference(what, missing, extra, r -> r.where() + " in " + r.function() + " (" + r.verdict() + ")"));
    return out;
  }

  /** The scan's findings, one row each, with the baseline's verdicts and reasons; prints precision per rule. */
  private static List<Row> findings(String label, ScanResult scan, List<Row> baseline) {
    Map<String, Row> reviewed = new HashMap<>();
    for (Row r : baseline) reviewed.put(r.finding(), r);
    TreeSet<Row> found = new TreeSet<>(Row.ORDER);
    for (Finding f : scan.findings()) {
      Location at = f.location();
      Row review = reviewed.get(Row.finding(at.file(), at.line(), f.function(), f.ruleId()));
      found.add(new Row(at.file(), at.line(), f.function(), f.ruleId(),
          review == null ? "unreviewed" : review.verdict(), review == null ? "" : review.reason()));
    }
    Map<String, int[]> tally = new TreeMap<>();
    for (Row r : found) {
      int[] t = tally.computeIfAbsent(r.rule(), k -> new int[2]);
      if (r.verdict().equals("true-positive")) t[0]++;
      else t[1]++;
    }
    List<Row> findings = new ArrayList<>(found);
    List<String> produced = findings.stream().map(Row::finding).toList();
    for (Row r : baseline)
      if (r.verdict().equals("false-negative") && !produced.contains(r.finding())) findings.add(r);
    findings.sort(Row.ORDER);
    System.out.println("ruling " + label + ": " + found.size() + " findings");
    for (var r : BuiltinRules.all()) {
      int[] t = tally.getOrDefault(r.id(), new int[2]);
      System.out.printf("ruling %s: %-28s TP %d FP %d precision %s%n", label, r.id(), t[0], t[1],
          t[0] + t[1] == 0 ? "n/a" : String.format("%.2f", (double) t[0] / (t[0] + t[1])));
    }
    return findings;
  }

  /** A row of a findings baseline: a finding, the review's verdict and the reason it holds. */
  private record Row(String path, int line, String function, String rule, String verdict, String reason) {
    static final Comparator<Row> ORDER = Comparator.comparing(Row::path).thenComparingInt(Row::line)
        .thenComparing(Row::function).thenComparing(Row::rule).thenComparing(Row::verdict);

    static Row parse(String tsv) {
      String[] cols = tsv.split("\t", -1);
      if (cols.length != 6)
        throw new IllegalArgumentException("want path, line, function, rule, verdict, reason: " + tsv);
      return new Row(cols[0], Integer.parseInt(cols[1]), cols[2], cols[3], cols[4], cols[5]);
    }

    /** The row without its verdict and reason. */
    String finding() {
      return finding(path, line, function, rule);
    }

    static String finding(String path, int line, String function, String rule) {
      return path + ":" + line + "\t" + function + "\t" + rule;
    }

    String where() {
      return path + ":" + line + " " + rule;
    }

    String tsv() {
      return String.join("\t", path, Integer.toString(line), function, rule, verdict, reason);
    }
  }

  /** A profile field as the review writes it: lists joined by commas. */
  private static String value(Inventory.MmapProfile p, String field) {
    return switch (field) {
      case "mapping" -> String.join(",", p.mapping());
      case "caching" -> p.caching();
      case "vmFile" -> p.vmFile();
      case "pgoff" -> p.pgoff();
      case "dontExpand" -> p.dontExpand();
      case "beginMaintainsCaches" -> Boolean.toString(p.beginMaintainsCaches());
      case "endMaintainsCaches" -> Boolean.toString(p.endMaintainsCaches());
      default -> throw new IllegalArgumentException(field);
    };
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
