package org.mmapcheck.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.revwalk.RevCommit;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.report.AuditReport;
import org.mmapcheck.analyzer.report.FindingDiff;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.GitBlame;
import org.mmapcheck.analyzer.report.HtmlReport;
import org.mmapcheck.analyzer.report.ScanRecord;
import org.mmapcheck.analyzer.report.Timeline;
import org.mmapcheck.analyzer.source.GitTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Write the audit report of the last of several git revisions with a timeline: for each finding, the revision where it appeared and where it went away, and findings per rule over the revisions.",
      "The revisions are those --revs lists, or those picked from a range A..B given among the arguments: every Nth commit along B's first parents (--every N), or the tagged ones (--tags GLOB).",
      "Each revision is scanned from the repository as 'scan --rev' scans it, with its own configuration file; findings are paired between consecutive revisions as 'diff' pairs them.",
      "Where a finding appeared, blame names the commit that last touched its line, when the history holds it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:report written", "2:usage error or bad input", "3:internal error (a rule failed: the report says so)"})
final class HistoryCommand implements Callable<Integer> {

  @Mixin RepoOption repo;

  @Mixin CacheOptions cache;

  @Mixin TreeOptions tree;

  @Mixin OutputOptions output;

  @Mixin ProfileOption profile;

  @Mixin ConfigOptions config;

  @Option(names = "--revs", split = ",", paramLabel = "REV", description = "The revisions, oldest first, comma-separated (at least two); or give a range A..B among the arguments.")
  List<String> revs;

  @Option(names = "--every", paramLabel = "N", description = "With a range A..B: every Nth commit along B's first parents, counted from A; A and B are always scanned.")
  Integer every;

  @Option(names = "--tags", paramLabel = "GLOB", description = "With a range A..B: the commits of the range (and A) that a tag matching GLOB names, oldest first, each under its tag's name.")
  String tags;

  @Option(names = "--format", paramLabel = "FORMAT", description = "html or markdown (default: ${DEFAULT-VALUE}).")
  ReportCommand.Format format = ReportCommand.Format.html;

  @Option(
      names = "--blame-time",
      paramLabel = "SECONDS",
      description = "The time blame may take for all the findings' lines; a line not found by then is shown as not looked up, with the reason (default: ${DEFAULT-VALUE}; 0: no blame).")
  long blameSeconds = GitBlame.BUDGET.toSeconds();

  @Spec CommandSpec spec;

  @ParentCommand MmapCheck root;

  /** One revision scanned. */
  private record Scanned(String rev, RevCommit commit, GitTree tree, ScanResult result) {}

  /** A range A..B among the arguments, the rest being paths. */
  private HistoryRevisions.Range range;

  private List<String> paths;

  @Override
  public Integer call() throws Exception {
    if (tree.root != null) throw new MmapCheck.BadInputException("--root does not go with history: paths are from the top of the repository");
    range = HistoryRevisions.Range.find(tree.paths);
    paths = tree.paths.stream().filter(p -> !HistoryRevisions.Range.isRange(p)).toList();
    checkSelection();
    if (blameSeconds < 0) throw new MmapCheck.BadInputException("--blame-time must be 0 or more seconds, not " + blameSeconds);
    tree.checkJobs();
    try (GitRepo git = repo.open();
        CacheOptions.Opened kept = cache.open(spec.commandLine().getErr())) {
      // Every revision resolved, and the output checked, before the first scan.
      List<HistoryRevisions.Revision> selected =
          revs != null ? HistoryRevisions.listed(git, revs)
              : every != null ? HistoryRevisions.everyNth(git, range, every)
              : HistoryRevisions.tagged(git, range, tags);
      output.check();
      List<Scanned> scans = new ArrayList<>();
      for (HistoryRevisions.Revision r : selected) scans.add(scan(git, r.name(), r.commit(), kept.cache()));

      List<ScanRecord> records = new ArrayList<>();
      List<List<Finding>> findings = new ArrayList<>();
      List<Timeline.Commit> named = new ArrayList<>();
      for (Scanned s : scans) {
        records.add(ScanRecord.of(s.result(), s.tree()));
        findings.add(s.result().findings());
        named.add(new Timeline.Commit(s.rev(), s.commit().name(), s.commit().getShortMessage()));
      }
      List<Map<Finding, Finding>> pairs = new ArrayList<>();
      for (int i = 1; i < scans.size(); i++) pairs.add(pairs(git, scans.get(i - 1), scans.get(i)));

      Scanned last = scans.get(scans.size() - 1);
      AuditReport report = AuditReport.of(records, last.result().rules(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
      Timeline timeline;
      try (GitBlame blame = GitRepo.guard(() -> new GitBlame(git.repository, Duration.ofSeconds(blameSeconds)))) {
        timeline = Timeline.of(named, findings, pairs, report, blame);
      }
      output.write(
          out -> {
            if (format == ReportCommand.Format.html) HtmlReport.writeHistoryHtml(report, timeline, out);
            else HtmlReport.writeHistoryMarkdown(report, timeline, out);
          },
          root.out);
      PrintWriter err = spec.commandLine().getErr();
      int exit = ScanRunner.finish(last.result(), false, err);
      for (Scanned s : scans.subList(0, scans.size() - 1)) {
        if (!s.result().successful()) {
          err.println("mmapcheck: internal error: rules failed on " + s.rev() + ", so the history is incomplete");
          err.flush();
          exit = MmapCheck.INTERNAL;
        }
      }
      return exit;
    }
  }

  /** Either --revs or a range with one way to pick from it. */
  private void checkSelection() {
    if (revs != null && range != null) throw new MmapCheck.BadInputException("give either --revs or a range " + range + ", not both");
    if (revs == null && range == null)
      throw new MmapCheck.BadInputException("history needs --revs REV1,REV2,... or a range A..B with --every N or --tags GLOB");
    if (range == null && (every != null || tags != null))
      throw new MmapCheck.BadInputException("--every and --tags pick from a range A..B; --revs names each revision itself");
    if (range != null && (every == null) == (tags == null))
      throw new MmapCheck.BadInputException("a range " + range + " needs one of --every N or --tags GLOB");
    if (every != null && every < 1) throw new MmapCheck.BadInputException("--every must be at least 1, not " + every);
  }

  /**
   * A revision scanned as 'scan --rev' scans it: its own paths checked, its own configuration;
   * what it shares with revisions scanned before comes from the cache.
   */
  private Scanned scan(GitRepo git, String rev, RevCommit commit, ScanCache cache) {
    GitTree source = git.tree(commit);
    List<String> prefixes = git.prefixes(source, commit, paths);
    ConfigFile settings = config.load(source, rev);
    Profile chosen = profile.chosen(settings);
    ScanResult result = GitRepo.guard(() -> ScanRunner.run(source, prefixes, tree, chosen, root.rules, settings, cache, null));
    return new Scanned(rev, commit, source, result);
  }

  /** Head's findings paired with base's, as diff pairs them: by key, with base's paths renamed to head's. */
  private static Map<Finding, Finding> pairs(GitRepo git, Scanned base, Scanned head) {
    return GitRepo.guard(
        () -> {
          Map<Finding, FindingKey> baseKeys = git.keysInHead(base.tree(), base.commit().getTree(), head.commit().getTree(), base.result().findings());
          Map<Finding, FindingKey> headKeys = FindingKey.of(head.result().findings(), head.tree());
          return FindingDiff.pairs(baseKeys, headKeys);
        });
  }
}
