package org.mmapcheck.analyzer.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Notification;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.ScanStats;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * One finished scan as a report reads it: a scan just run, or an earlier scan's JSON or SARIF
 * file ({@link ScanFile}). What the input does not carry is null or empty, and the page says so.
 *
 * @param tree the tree's path, or repository and revision
 * @param stats files read and parsed; null when the input did not record them
 * @param exporters every exporter with its mmap profile; null when the input holds only findings
 * @param excerpts the source around each finding's line, by location; empty when there is no source
 * @param excerptSource where the excerpts come from, or why there are none
 */
public record ScanRecord(
    String tree,
    String profile,
    String toolVersion,
    ScanStats stats,
    List<Finding> findings,
    List<Notification> notifications,
    List<Inventory.Exporter> exporters,
    Map<Location, Excerpt> excerpts,
    String excerptSource) {

  /** Lines of source around a finding; {@code hit} marks the finding's own lines. */
  public record Excerpt(List<Line> lines) {

    /** The finding's own lines as one line of text, for a table cell: whitespace runs made one space, cut short. */
    public String hitText() {
      String text = String.join(" ", lines.stream().filter(Line::hit).map(Line::text).toList()).replaceAll("\\s+", " ").strip();
      return text.length() <= HIT_TEXT ? text : text.substring(0, HIT_TEXT - 1) + "\u2026";
    }
  }

  /** The longest {@link Excerpt#hitText()}: a table of findings stays a table. */
  static final int HIT_TEXT = 100;

  public record Line(int number, String text, boolean hit) {}

  /** Lines of context on each side of a finding's line. */
  static final int CONTEXT = 3;

  /** A scan just run, with its excerpts read again from the tree it read (a directory, a git revision). */
  public static ScanRecord of(ScanResult scan, SourceTree tree) {
    Map<Location, Excerpt> excerpts = new HashMap<>();
    TreeLines lines = new TreeLines(tree);
    for (Finding f : scan.findings()) {
      Location at = f.location();
      Excerpt excerpt = around(lines.of(at.file()), 1, at.line(), Math.max(at.line(), at.endLine()));
      if (excerpt != null) excerpts.putIfAbsent(at, excerpt);
    }
    return new ScanRecord(
        tree.description(),
        scan.profile().label(),
        Version.get(),
        scan.stats(),
        scan.findings(),
        scan.notifications(),
        Inventory.of(scan),
        excerpts,
        "read from the tree");
  }

  /**
   * The lines {@code from..to} (1-based, within {@code source}, which starts at line {@code
   * first}) with {@link #CONTEXT} lines on each side; null when the source does not reach them.
   */
  static Excerpt around(List<String> source, int first, int from, int to) {
    int start = Math.max(first, from - CONTEXT);
    int end = Math.min(first + source.size() - 1, to + CONTEXT);
    List<Line> out = new ArrayList<>();
    for (int n = start; n <= end; n++) out.add(new Line(n, source.get(n - first), n >= from && n <= to));
    return out.isEmpty() ? null : new Excerpt(List.copyOf(out));
  }
}
