package org.mmapcheck.analyzer.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Notification;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.ScanStats;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Location;

/**
 * What an audit page shows, worked out once so the templates only lay it out: the rules with their
 * documentation, and for each revision of the tree its exporters, findings and counts. A report of
 * one scan has one revision; a history adds the next revisions of the same tree.
 */
public record AuditReport(String tool, String version, Instant generated, String profile, List<Rule> rules, List<Revision> revisions) {

  /** A rule as the page names it, with its documentation rendered (raw HTML in it escaped). */
  public record Rule(String id, String anchor, String shortName, String summary, String level, String documentationHtml) {}

  /**
   * One scanned tree.
   *
   * @param stats null when the input did not record them
   * @param fileNotes notifications about single files (not parsed, not readable, not UTF-8)
   * @param toolNotes notifications about the run (a rule that failed, calls through ops fields
   *     the loader could not follow)
   * @param profiled whether the exporters carry their mmap profile (a scan) or only their names
   *     (a scan file, where they are the exporters its findings name)
   */
  public record Revision(
      String tree,
      String toolVersion,
      ScanStats stats,
      List<Notification> fileNotes,
      List<Notification> toolNotes,
      boolean profiled,
      String excerptSource,
      List<Exporter> exporters,
      List<Item> findings,
      BarChart byRule,
      BarChart bySubsystem,
      List<String> subsystems) {

    /** Whether a rule failed: the run is incomplete, which the page shows open at the top. */
    public boolean ruleFailed() {
      return toolNotes.stream().anyMatch(n -> n.ruleId() != null);
    }

    public long count(String level) {
      return findings.stream().filter(f -> f.level().equals(level)).count();
    }
  }

  /**
   * A row of the exporter matrix.
   *
   * @param inventory the exporter's handlers and mmap profile; null when not {@code profiled}
   * @param verdicts one per rule, in the order of {@link AuditReport#rules()}
   * @param rank the worst level among its findings (3 error .. 0 none), for sorting
   */
  public record Exporter(
      String name, Location location, String subsystem, Inventory.Exporter inventory, List<Verdict> verdicts, int findingCount, int rank) {

    /** Space-separated, for the page's filters. */
    public String ruleIds() {
      return String.join(" ", verdicts.stream().filter(v -> v.count() > 0).map(Verdict::ruleId).toList());
    }

    public String levels() {
      return String.join(" ", new LinkedHashSet<>(verdicts.stream().filter(v -> v.count() > 0).map(Verdict::level).toList()));
    }
  }

  /** What one rule said of one exporter: its findings' level and how many, and the first one. */
  public record Verdict(String ruleId, String level, int count, int rank, String firstAnchor) {}

  /** A finding as the page shows it. */
  public record Item(
      String anchor,
      String ruleId,
      String ruleAnchor,
      String level,
      String message,
      Location location,
      String function,
      String subsystem,
      ScanRecord.Excerpt excerpt,
      List<List<Finding.Related>> flows,
      List<String> exporters) {}

  private static final Parser MARKDOWN = Parser.builder().build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  public Revision latest() {
    return revisions.get(revisions.size() - 1);
  }

  /** The report of scans of one tree, oldest first, with the documentation of {@code rules}. */
  public static AuditReport of(List<ScanRecord> scans, List<RuleDescriptor> rules, Instant generated) {
    ScanRecord last = scans.get(scans.size() - 1);
    Profile profile = Profile.fromLabel(last.profile());
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (RuleDescriptor r : rules)
      byId.put(r.id(), new Rule(r.id(), anchor(r.id()), shortName(r.id()), r.info().summary(), r.severity(profile).sarifLevel(), HTML.render(MARKDOWN.parse(r.documentation()))));
    // A file from another mmapcheck version can name rules this one does not know.
    for (ScanRecord scan : scans)
      for (Finding f : scan.findings())
        byId.computeIfAbsent(f.ruleId(), id -> new Rule(id, anchor(id), shortName(id), "not a rule of this version", f.severity().sarifLevel(), ""));
    List<Rule> ruleList = List.copyOf(byId.values());
    List<Revision> revisions = scans.stream().map(s -> revision(s, ruleList)).toList();
    return new AuditReport(Version.NAME, Version.get(), generated, profile.label(), ruleList, revisions);
  }

  private static Revision revision(ScanRecord scan, List<Rule> rules) {
    List<Finding> findings = new ArrayList<>(scan.findings());
    findings.sort(Comparator.comparing((Finding f) -> -f.severity().ordinal()).thenComparing(Finding::location).thenComparing(Finding::ruleId));
    Map<String, Rule> ruleById = new LinkedHashMap<>();
    rules.forEach(r -> ruleById.put(r.id(), r));

    List<Exporter> exporters = new ArrayList<>();
    List<ExporterSite> sites = scan.exporters() != null ? profiled(scan.exporters()) : named(findings);
    Map<ExporterSite, List<Integer>> reached = new LinkedHashMap<>();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      List<String> names = new ArrayList<>();
      for (ExporterSite site : sites) {
        if (site.namedBy(f)) {
          names.add(site.name());
          reached.computeIfAbsent(site, s -> new ArrayList<>()).add(i);
        }
      }
      Location at = f.location();
      items.add(
          new Item(
              "finding-" + (i + 1), f.ruleId(), ruleById.get(f.ruleId()).anchor(), f.severity().sarifLevel(), f.message(), at,
              f.function(), subsystem(at.file()), scan.excerpts().get(at), f.flows(), List.copyOf(names)));
    }
    for (ExporterSite site : sites) exporters.add(row(site, reached.getOrDefault(site, List.of()), findings, items, rules));

    Map<String, int[]> perRule = new LinkedHashMap<>();
    rules.forEach(r -> perRule.put(r.id(), new int[3]));
    Map<String, int[]> perSubsystem = new TreeMap<>();
    for (Finding f : findings) {
      perRule.get(f.ruleId())[f.severity().ordinal()]++;
      perSubsystem.computeIfAbsent(subsystem(f.location().file()), s -> new int[3])[f.severity().ordinal()]++;
    }
    perRule.values().removeIf(counts -> counts[0] + counts[1] + counts[2] == 0);
    Set<String> subsystems = new TreeSet<>(perSubsystem.keySet());
    exporters.forEach(e -> subsystems.add(e.subsystem()));

    List<Notification> fileNotes = scan.notifications().stream().filter(n -> n.file() != null).toList();
    List<Notification> toolNotes = scan.notifications().stream().filter(n -> n.file() == null).toList();
    return new Revision(
        scan.tree(), scan.toolVersion(), scan.stats(), fileNotes, toolNotes, scan.exporters() != null, scan.excerptSource(),
        List.copyOf(exporters), List.copyOf(items), BarChart.of(perRule), BarChart.of(perSubsystem), List.copyOf(subsystems));
  }

  /** An exporter's row: per rule, the worst level among the findings (by index) that reach it. */
  private static Exporter row(ExporterSite site, List<Integer> mine, List<Finding> findings, List<Item> items, List<Rule> rules) {
    List<Verdict> verdicts = new ArrayList<>();
    int worst = 0;
    for (Rule r : rules) {
      List<Integer> hits = mine.stream().filter(i -> findings.get(i).ruleId().equals(r.id())).toList();
      Severity level = hits.stream().map(i -> findings.get(i).severity()).max(Comparator.naturalOrder()).orElse(null);
      int rank = level == null ? 0 : level.ordinal() + 1;
      worst = Math.max(worst, rank);
      verdicts.add(
          new Verdict(r.id(), level == null ? "pass" : level.sarifLevel(), hits.size(), rank, hits.isEmpty() ? null : items.get(hits.get(0)).anchor()));
    }
    return new Exporter(site.name(), site.location(), subsystem(site.location().file()), site.inventory(), List.copyOf(verdicts), mine.size(), worst);
  }

  /** Where an exporter is declared; a finding names it when it is there or lists it as related. */
  private record ExporterSite(String name, Location location, Inventory.Exporter inventory) {
    boolean namedBy(Finding f) {
      return same(f.location()) || f.related().stream().anyMatch(r -> same(r.location()));
    }

    private boolean same(Location at) {
      return at.file().equals(location.file()) && at.line() == location.line();
    }
  }

  private static List<ExporterSite> profiled(List<Inventory.Exporter> exporters) {
    return exporters.stream()
        .map(e -> new ExporterSite(e.id().substring(e.id().lastIndexOf(':') + 1), Location.at(e.file(), e.line(), 1), e))
        .toList();
  }

  /** Without an inventory, the exporters are those the findings name ("exporter NAME"). */
  private static List<ExporterSite> named(List<Finding> findings) {
    Map<Location, ExporterSite> out = new TreeMap<>();
    for (Finding f : findings)
      for (Finding.Related r : f.related())
        if (r.message().startsWith(EXPORTER)) out.putIfAbsent(r.location(), new ExporterSite(r.message().substring(EXPORTER.length()), r.location(), null));
    return List.copyOf(out.values());
  }

  /** How rules name an exporter among a finding's related locations. */
  private static final String EXPORTER = "exporter ";

  /**
   * The part of the tree a file belongs to, for counts and filters: its first two directories
   * (drivers/media, drivers/dma-buf, sound/soc), three under directories that only group
   * subsystems (drivers/gpu/drm, drivers/staging/media).
   */
  public static String subsystem(String file) {
    String[] parts = file.split("/");
    int dirs = parts.length - 1;
    int keep = Math.min(dirs, dirs >= 2 && GROUPS.contains(parts[0] + "/" + parts[1]) ? 3 : 2);
    return keep == 0 ? "(top)" : String.join("/", Arrays.copyOf(parts, keep));
  }

  private static final Set<String> GROUPS = Set.of("drivers/gpu", "drivers/staging");

  /** An id usable as an HTML id and fragment: {@code dmabuf/fault-sync} becomes {@code rule-dmabuf-fault-sync}. */
  static String anchor(String ruleId) {
    return "rule-" + ruleId.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  /** The id without its namespace, for narrow column heads. */
  static String shortName(String ruleId) {
    return ruleId.substring(ruleId.indexOf('/') + 1);
  }
}
