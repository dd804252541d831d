package org.mmapcheck.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.revwalk.RevCommit;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.report.AuditReport;
import org.mmapcheck.analyzer.report.FindingDiff;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.HtmlReport;
import org.mmapcheck.analyzer.report.Inventory;
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
      "Each revision is scanned from the repository as 'scan --rev' scans it, with its own configuration file; findings are paired between consecutive revisions as 'diff' pairs them."
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

  @Option(names = "--revs", required = true, split = ",", paramLabel = "REV", description = "The revisions, oldest first, comma-separated (at least two).")
  List<String> revs;

  @Option(names = "--format", paramLabel = "FORMAT", description = "html or markdown (default: ${DEFAULT-VALUE}).")
  ReportCommand.Format format = ReportCommand.Format.html;

  @Spec CommandSpec spec;

  @ParentCommand MmapCheck root;

  /** One revision scanned. */
  private record Scanned(String rev, RevCommit commit, GitTree tree, ScanResult result) {}

  @Override
  public Integer call() throws Exception {
    if (tree.root != null) throw new MmapCheck.BadInputException("--root does not go with history: paths are from the top of the repository");
    if (revs.size() < 2) throw new MmapCheck.BadInputException("history needs at least two revisions in --revs, oldest first");
    tree.checkJobs();
    try (GitRepo git = repo.open();
        CacheOptions.Opened kept = cache.open(spec.commandLine().getErr())) {
      // Every revision resolved, and the output checked, before the first scan.
      List<RevCommit> commits = new ArrayList<>();
      for (String rev : revs) commits.add(git.commit(rev));
      output.check();
      List<Scanned> scans = new ArrayList<>();
      for (int i = 0; i < revs.size(); i++) scans.add(scan(git, revs.get(i), commits.get(i), kept.cache()));

      List<ScanRecord> records = new ArrayList<>();
      List<List<Finding>> findings = new ArrayList<>();
      List<Timeline.Commit> named = new ArrayList<>();
      for (Scanned s : scans) {
        records.add(record(s));
        findings.add(s.result().findings());
        named.add(new Timeline.Commit(s.rev(), s.commit().name(), s.commit().getShortMessage()));
      }
      List<Map<Finding, Finding>> pairs = new ArrayList<>();
      for (int i = 1; i < scans.size(); i++) pairs.add(pairs(git, scans.get(i - 1), scans.get(i)));

      Scanned last = scans.get(scans.size() - 1);
      AuditReport report = AuditReport.of(records, last.result().rules(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
      Timeline timeline = Timeline.of(named, findings, pairs, report);
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

  /** A revision scanned as 'scan --rev' scans it: its own paths checked, its own configuration. */
  private Scanned scan(GitRepo git, String rev, RevCommit commit, ScanCache cache) {
    GitTree source = git.tree(commit);
    List<String> prefixes = git.prefixes(source, commit, tree.paths);
    ConfigFile settings = config.load(source, rev);
    Profile chosen = profile.chosen(settings);
    ScanResult result = GitRepo.guard(() -> ScanRunner.run(source, prefixes, tree, chosen, root.rules, settings, cache));
    return new Scanned(rev, commit, source, result);
  }

  /** The scan as the report reads it; excerpts are not shown for revisions (they live in git, not on disk). */
  private static ScanRecord record(Scanned s) {
    ScanResult r = s.result();
    return new ScanRecord(
        s.tree().description(), r.profile().label(), Version.get(), r.stats(), r.findings(), r.notifications(), Inventory.of(r),
        Map.of(), "not shown for a git revision");
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
