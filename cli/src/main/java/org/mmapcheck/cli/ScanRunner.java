package org.mmapcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Notification;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.source.DirectoryTree;
import org.mmapcheck.analyzer.source.SkippingTree;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * Runs a scan of the selected tree, as the configuration file settles it, and says on standard
 * error how far it got.
 */
final class ScanRunner {

  private ScanRunner() {}

  /** A scan of a directory and the tree it read, which names the files for later reads (report keys, excerpts). */
  record DirectoryScan(ScanResult result, DirectoryTree source) {}

  /**
   * A scan of the selected directory through the command's cache (or none), its files named by
   * their stat data when there is one; {@code meanwhile} as {@link Scanner#meanwhile}, or null.
   */
  static DirectoryScan run(
      TreeOptions.Selection selection,
      TreeOptions options,
      Profile profile,
      List<RuleDescriptor> rules,
      ConfigFile config,
      CacheOptions cache,
      PrintWriter err,
      Runnable meanwhile)
      throws IOException {
    try (CacheOptions.Opened kept = cache.open(err)) {
      DirectoryTree source = cache.directory(selection.root());
      return new DirectoryScan(run(source, selection.prefixes(), options, profile, rules, config, kept.cache(), meanwhile), source);
    }
  }

  /**
   * A scan of these paths of any source tree: a directory, a git revision, a work tree; with a
   * cache for a tree that names its files' contents, which keeps a commit's findings for
   * {@link #findings}: a later diff or check-patch from that tree (a revision scanned by a hook,
   * then diffed by CI) does not scan it again. {@code meanwhile} as {@link Scanner#meanwhile}, or null.
   */
  static ScanResult run(
      SourceTree source,
      List<String> prefixes,
      TreeOptions options,
      Profile profile,
      List<RuleDescriptor> rules,
      ConfigFile config,
      ScanCache cache,
      Runnable meanwhile)
      throws IOException {
    ScanOptions scan = scanOptions(options, profile, config);
    return run(source, prefixes, scan, settings(prefixes, scan, rules, config), options.quiet, rules, config, cache, meanwhile);
  }

  /** The scan; its findings kept under {@code settings} if it parsed every file it wanted and its rules all ran. */
  private static ScanResult run(
      SourceTree source,
      List<String> prefixes,
      ScanOptions scan,
      String settings,
      boolean quiet,
      List<RuleDescriptor> rules,
      ConfigFile config,
      ScanCache cache,
      Runnable meanwhile)
      throws IOException {
    List<String> skip = skipped(prefixes, config);
    SourceTree tree = skip.isEmpty() ? source : new SkippingTree(source, skip);
    Scanner scanner = new Scanner(scan, Progress.forTerminal(quiet), cache).meanwhile(meanwhile);
    ScanResult result = config.rules().applyTo(scanner.scan(tree, prefixes, rules));
    if (result.successful() && result.stats().parseFailures() == 0) cache.keepFindings(source, settings, result.findings());
    return result;
  }

  /**
   * The findings of a scan, for a report that reads nothing else of it (diff's base, check-patch's
   * trees in its terse form): with the scan, when it ran; without, when the cache had them, which
   * it keeps only of a scan that succeeded.
   */
  record Findings(List<Finding> findings, ScanResult scan) {
    static Findings of(ScanResult scan) {
      return new Findings(scan.findings(), scan);
    }

    boolean successful() {
      return scan == null || scan.successful();
    }
  }

  /**
   * The findings of {@link #run}, as an earlier scan of the same tree under the same settings
   * gave them if the cache kept them. Only a scan that parsed every file it wanted and whose
   * rules all ran is kept: another might go further.
   */
  static Findings findings(
      SourceTree source,
      List<String> prefixes,
      TreeOptions options,
      Profile profile,
      List<RuleDescriptor> rules,
      ConfigFile config,
      ScanCache cache)
      throws IOException {
    ScanOptions scan = scanOptions(options, profile, config);
    String settings = settings(prefixes, scan, rules, config);
    List<Finding> kept = cache.findings(source, settings);
    if (kept != null) return new Findings(kept, null);
    return Findings.of(run(source, prefixes, scan, settings, options.quiet, rules, config, cache, null));
  }

  /** Everything a tree's findings follow from besides the tree. */
  private static String settings(List<String> prefixes, ScanOptions scan, List<RuleDescriptor> rules, ConfigFile config) {
    return String.join(
        "\n",
        "prefixes " + prefixes,
        "skip " + skipped(prefixes, config),
        "rules " + rules.stream().map(RuleDescriptor::id).toList(),
        "off " + new TreeSet<>(config.rules().off()),
        "levels " + new TreeMap<>(config.rules().levels()),
        "profile " + scan.profile().label(),
        "parse " + scan.parseBudgetMillis() + " ms, " + scan.maxParseBytes() + " bytes",
        "depth " + scan.callDepth(),
        scan.api().entries());
  }

  /** The scan's options: the kernel API read once a scan, its --api file and the configuration's names added. */
  private static ScanOptions scanOptions(TreeOptions options, Profile profile, ConfigFile config) {
    return ScanOptions.defaults(profile).withJobs(options.jobs).withApi(config.addTo(options.kernelApi()));
  }

  /** The configuration file's paths to skip; a path given on the command line is read even where the file skips it. */
  private static List<String> skipped(List<String> prefixes, ConfigFile config) {
    return config.skip().stream()
        .filter(s -> prefixes.stream().noneMatch(p -> p.equals(s) || p.startsWith(s + "/")))
        .toList();
  }

  /**
   * After the report is written: a text report has no room for notifications, so count the files
   * they concern; a rule that failed makes the scan incomplete, exit 3 (the report says so too).
   */
  static int finish(ScanResult result, boolean textReport, PrintWriter err) {
    if (textReport) {
      long files =
          result.notifications().stream()
              .filter(n -> n.ruleId() == null && n.file() != null && n.level().atLeast(Severity.WARNING))
              .map(Notification::file)
              .distinct()
              .count();
      if (files > 0)
        err.printf(
            "mmapcheck: %d %s not analysed in full (not parsed, too large or unreadable); scan --format json lists why%n",
            files, files == 1 ? "file" : "files");
    }
    int exit = 0;
    if (!result.successful()) {
      List<String> failed =
          result.notifications().stream().map(Notification::ruleId).filter(Objects::nonNull).distinct().toList();
      err.println("mmapcheck: internal error: rules failed, so the report is incomplete: " + String.join(", ", failed));
      exit = MmapCheck.INTERNAL;
    }
    err.flush();
    return exit;
  }
}
