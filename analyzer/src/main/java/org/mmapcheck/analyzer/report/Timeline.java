package org.mmapcheck.analyzer.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.model.Location;

/**
 * A history's timeline: each finding followed across revisions (oldest first) by the pairs of
 * consecutive revisions' findings, with the revision where it appeared and where it went away,
 * and a plot of findings per rule over the revisions.
 *
 * @param entries one per finding's life, in the order of the first revision that has it
 */
public record Timeline(List<Commit> commits, List<Entry> entries, Plot plot) {

  /** A revision as the page names it. */
  public record Commit(String rev, String id, String subject) {
    public String shortId() {
      return id.substring(0, Math.min(12, id.length()));
    }
  }

  /**
   * A finding's life.
   *
   * @param appeared null when the first revision already has it
   * @param blame who last touched its line where it appeared; null with {@code appeared}
   * @param gone null when the last revision still has it
   */
  public record Entry(
      String ruleId, String level, String exporters, String function, String location, Commit appeared, Blame blame, Commit gone) {}

  /** Blame: the commit that last touched a line of a file at a revision. */
  public interface Blamer {
    Blame of(Commit revision, String path, int line);
  }

  /** An inline SVG line chart: per rule, its count at each revision. */
  public record Plot(int width, int height, List<Integer> xs, List<Series> series) {}

  public record Series(String ruleId, String color, String points, List<Integer> counts) {}

  /**
   * @param findings each revision's findings, oldest first, as {@code report}'s revisions hold them
   * @param pairs for each revision after the first, its findings paired with the previous one's
   *     (head finding to base finding)
   * @param blame asked for the line of each finding that appeared after the first revision, where it appeared
   */
  public static Timeline of(
      List<Commit> commits, List<List<Finding>> findings, List<Map<Finding, Finding>> pairs, AuditReport report, Blamer blame) {
    Map<Finding, Life> alive = new LinkedHashMap<>();
    List<Life> lives = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      Map<Finding, Life> next = new LinkedHashMap<>();
      Map<Finding, Finding> paired = i == 0 ? Map.of() : pairs.get(i - 1);
      for (Finding f : findings.get(i)) {
        Life life = alive.remove(paired.get(f));
        if (life == null) {
          life = new Life(i, f);
          lives.add(life);
        }
        life.last = f;
        life.lastRevision = i;
        next.put(f, life);
      }
      for (Life ended : alive.values()) ended.end = i;
      alive = next;
    }
    List<Entry> entries = new ArrayList<>();
    for (Life life : lives) {
      Finding f = life.last;
      AuditReport.Item item = item(report.revisions().get(life.lastRevision), f);
      Location at = f.location();
      Commit appeared = life.start == 0 ? null : commits.get(life.start);
      Location first = life.first.location();
      entries.add(
          new Entry(
              f.ruleId(), f.severity().sarifLevel(), item == null ? "" : String.join(", ", item.exporters()), f.function(),
              at.file() + ":" + at.line(), appeared, appeared == null ? null : blame.of(appeared, first.file(), first.line()),
              life.end < 0 ? null : commits.get(life.end)));
    }
    return new Timeline(List.copyOf(commits), List.copyOf(entries), plot(report));
  }

  private static final class Life {
    final int start;
    /** The finding in the revision where it appeared. */
    final Finding first;
    int end = -1;
    int lastRevision;
    Finding last;

    Life(int start, Finding first) {
      this.start = start;
      this.first = first;
    }
  }

  /** The page's item for a finding of a revision: same rule, place, function and message. */
  private static AuditReport.Item item(AuditReport.Revision revision, Finding f) {
    for (AuditReport.Item item : revision.findings())
      if (item.ruleId().equals(f.ruleId()) && item.location().equals(f.location()) && item.message().equals(f.message())) return item;
    return null;
  }

  private static final String[] COLORS = {"#cf222e", "#9a6700", "#0969da", "#1a7f37", "#8250df", "#bc4c00", "#57606a"};
  private static final int LEFT = 40, STEP = 120, TOP = 10, HEIGHT = 160;

  /** Per rule that has findings in some revision, its count in each. */
  private static Plot plot(AuditReport report) {
    int n = report.revisions().size();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (int i = 0; i < n; i++)
      for (AuditReport.Item item : report.revisions().get(i).findings()) counts.computeIfAbsent(item.ruleId(), r -> new int[n])[i]++;
    int max = Math.max(1, counts.values().stream().flatMapToInt(Arrays::stream).max().orElse(1));
    List<Integer> xs = new ArrayList<>();
    for (int i = 0; i < n; i++) xs.add(LEFT + i * STEP);
    List<Series> series = new ArrayList<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      StringBuilder points = new StringBuilder();
      List<Integer> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int y = TOP + HEIGHT - e.getValue()[i] * HEIGHT / max;
        points.append(i == 0 ? "" : " ").append(xs.get(i)).append(',').append(y);
        values.add(e.getValue()[i]);
      }
      series.add(new Series(e.getKey(), COLORS[series.size() % COLORS.length], points.toString(), List.copyOf(values)));
    }
    return new Plot(LEFT * 2 + (n - 1) * STEP, TOP * 2 + HEIGHT + 20, List.copyOf(xs), List.copyOf(series));
  }
}
