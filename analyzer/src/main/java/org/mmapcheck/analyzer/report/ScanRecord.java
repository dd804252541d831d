package org.mmapcheck.analyzer.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * One finished scan as a report reads it: a scan just run, or an earlier scan's JSON or SARIF
 * file ({@link ScanFile}). What the input does not carry is null or empty, and the page says so.
 *
 * @param tree the tree's path (or, later, repository and revision)
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
  public record Excerpt(List<Line> lines) {}

  public record Line(int number, String text, boolean hit) {}

  /** Lines of context on each side of a finding's line. */
  static final int CONTEXT = 3;

  /** A scan just run, with its excerpts read from the tree at {@code root}. */
  public static ScanRecord of(ScanResult scan, Path root) {
    Map<Location, Excerpt> excerpts = new HashMap<>();
    Map<String, List<String>> files = new HashMap<>();
    for (Finding f : scan.findings()) {
      Location at = f.location();
      List<String> lines = files.computeIfAbsent(at.file(), file -> lines(root.resolve(file)));
      Excerpt excerpt = around(lines, 1, at.line(), Math.max(at.line(), at.endLine()));
      if (excerpt != null) excerpts.putIfAbsent(at, excerpt);
    }
    return new ScanRecord(
        root.toString(),
        scan.profile().label(),
        Version.get(),
        scan.stats(),
        scan.findings(),
        scan.notifications(),
        Inventory.of(scan),
        excerpts,
        "read from the tree");
  }

  /** A file's lines; none when it cannot be read now (the page then shows no excerpt). */
  private static List<String> lines(Path file) {
    try {
      // Malformed bytes become U+FFFD: an excerpt is for reading, and the scan said what it could not decode.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
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
