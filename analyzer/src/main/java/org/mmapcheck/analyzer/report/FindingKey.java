package org.mmapcheck.analyzer.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * What makes a finding the same one in two revisions: its rule, function, the exporters and other
 * places it names (path and message, no line), and the offending statement's text with its
 * whitespace normalized. Not its line or its file, so code that moved or was re-indented keeps
 * its key; a renamed file keeps it once the caller maps the old paths to the new.
 */
public record FindingKey(String rule, String function, List<String> related, String statement) {

  /** A statement longer than this many lines (a whole function) is keyed by its first lines. */
  static final int MAX_LINES = 12;

  /** The key of each finding of the scan, suppressed ones included, read from the tree it read. */
  public static Map<Finding, FindingKey> of(ScanResult scan, SourceTree tree) {
    List<Finding> all = new ArrayList<>(scan.findings());
    scan.suppressed().forEach(s -> all.add(s.finding()));
    return of(all, tree);
  }

  /** Each finding's key, with the statements read from the tree the scan read. */
  public static Map<Finding, FindingKey> of(List<Finding> findings, SourceTree tree) {
    return of(findings, tree, UnaryOperator.identity());
  }

  /**
   * Each finding's key, with the paths it names mapped by {@code path} first (a base revision's
   * paths to a head revision's, across renames).
   */
  public static Map<Finding, FindingKey> of(
      List<Finding> findings, SourceTree tree, UnaryOperator<String> path) {
    TreeLines lines = new TreeLines(tree);
    Map<Finding, FindingKey> keys = new LinkedHashMap<>();
    for (Finding f : findings) {
      Location at = f.location();
      TreeSet<String> related = new TreeSet<>();
      for (Finding.Related r : f.related()) related.add(path.apply(r.location().file()) + ": " + r.message());
      keys.put(f, new FindingKey(f.ruleId(), f.function(), List.copyOf(related), statement(lines.of(at.file()), at)));
    }
    return keys;
  }

  /** The lines the location spans, whitespace runs made one space. */
  static String statement(List<String> lines, Location at) {
    int from = Math.max(1, at.line());
    int to = Math.min(Math.min(lines.size(), Math.max(at.endLine(), from)), from + MAX_LINES - 1);
    StringBuilder text = new StringBuilder();
    for (int line = from; line <= to; line++) text.append(lines.get(line - 1)).append(' ');
    return text.toString().replaceAll("\\s+", " ").strip();
  }

  /**
   * The key at each tier of pairing, loosest last: whole; without the exporters (those reaching a
   * shared helper change as drivers come and go); rule and function only.
   */
  public List<FindingKey> tiers() {
    return List.of(this, new FindingKey(rule, function, List.of(), statement), new FindingKey(rule, function, List.of(), ""));
  }

  /** {@link #tiers()} as hashes: what SARIF keeps, so a later scan can pair with it. */
  public List<String> tierFingerprints() {
    return tiers().stream().map(FindingKey::fingerprint).toList();
  }

  /** The key as a short hex hash, for SARIF {@code partialFingerprints}. */
  public String fingerprint() {
    List<String> parts = new ArrayList<>(List.of(rule, function == null ? "" : function));
    parts.addAll(related);
    parts.add(statement);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
