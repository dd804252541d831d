package org.mmapcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.revwalk.RevCommit;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.ScanStats;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.JsonReport;
import org.mmapcheck.analyzer.report.SarifContext;
import org.mmapcheck.analyzer.report.SarifReport;
import org.mmapcheck.analyzer.report.TextReport;
import org.mmapcheck.analyzer.source.GitTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Scan a kernel tree and report where dma-buf exporters break the mmap contract.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no findings at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage error, bad input, or a report that cannot be written",
      "3:internal error, or a rule failed (the report is written and says so)"
    })
final class ScanCommand implements Callable<Integer> {

  enum Format { sarif, text, json }

  enum FailOn { error, warning, note, never }

  @Mixin TreeOptions tree;

  @Mixin OutputOptions output;

  @Spec CommandSpec spec;

  @ParentCommand MmapCheck root;

  @Option(names = "--format", paramLabel = "FORMAT", description = "sarif, text or json (default: ${DEFAULT-VALUE}).")
  Format format = Format.sarif;

  @Mixin ProfileOption profile;

  @Mixin ConfigOptions config;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "Exit 1 when a finding is at or above LEVEL: error, warning, note or never (default: ${DEFAULT-VALUE}).")
  FailOn failOn = FailOn.error;

  @Option(
      names = "--include-suppressed",
      description = "Also list findings that mmapcheck-ignore comments silence (text: with their reason; json: under 'suppressed'). SARIF always holds them, marked suppressed.")
  boolean includeSuppressed;

  @Option(
      names = "--stats",
      description = "Print scan figures (files, parse problems, times) to standard error, and add them to --format json.")
  boolean stats;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Report only the findings an earlier run's SARIF (from mmapcheck scan) lacks, paired as diff pairs them; SARIF marks them baselineState new.")
  Path baseline;

  @Mixin RepoOption repo;

  @Mixin CacheOptions cache;

  @Option(
      names = "--rev",
      paramLabel = "REV",
      description = "Scan this git revision (a branch, tag, commit id, HEAD~2, ...) from the repository's object database, with no checkout; PATHs are then paths in its tree, from its top.")
  String rev;

  @Override
  public Integer call() throws Exception {
    // Read first: a bad file is exit 2 before the scan, not after it.
    Baseline earlier = baseline == null ? null : Baseline.read(baseline);
    if (rev != null) return scanRevision(earlier);
    if (repo.dir != null) throw new MmapCheck.BadInputException("--repo goes with --rev");
    TreeOptions.Selection selection = tree.select();
    ConfigFile settings = config.load(selection.root());
    Profile chosen = profile.chosen(settings);
    output.check();
    // One tree for the scan and the keys: it knows the files the locale cannot name.
    ScanRunner.DirectoryScan scan =
        ScanRunner.run(selection, tree, chosen, root.rules, settings, cache, spec.commandLine().getErr(), meanwhile());
    SarifContext context = SarifContext.of(FindingKey.of(scan.result(), scan.source()));
    return report(scan.result(), selection.root(), context, earlier);
  }

  private int scanRevision(Baseline earlier) throws IOException {
    if (tree.root != null) throw new MmapCheck.BadInputException("--root does not go with --rev: paths in a revision are from the top of its tree");
    tree.checkJobs();
    try (GitRepo git = repo.open();
        CacheOptions.Opened kept = cache.open(spec.commandLine().getErr())) {
      RevCommit commit = git.commit(rev);
      GitTree source = git.tree(commit);
      List<String> prefixes = git.prefixes(source, commit, tree.paths);
      // The revision's own configuration file, not the work tree's: the settings it was written with.
      ConfigFile settings = config.load(source, rev);
      Profile chosen = profile.chosen(settings);
      output.check();
      ScanResult result = GitRepo.guard(() -> ScanRunner.run(source, prefixes, tree, chosen, root.rules, settings, kept.cache(), meanwhile()));
      SarifContext context =
          new SarifContext(
              GitRepo.guard(() -> FindingKey.of(result, source)),
              git.provenance(rev, commit),
              "mmapcheck/" + chosen.label() + "/" + commit.name(),
              Map.of());
      return report(result, null, context, earlier);
    }
  }

  /** For a SARIF report, its writer made ready while the scan leaves a core waiting; nothing for the others. */
  private Runnable meanwhile() {
    List<RuleDescriptor> rules = root.rules;
    return format == Format.sarif ? () -> SarifReport.prepare(rules) : null;
  }

  /**
   * Writes the report in the chosen format and returns the exit code.
   *
   * @param earlier null, or the run whose findings are left out
   */
  private int report(ScanResult all, Path top, SarifContext allContext, Baseline earlier) throws IOException {
    Map<Finding, SarifContext.BaselineState> states =
        earlier == null ? Map.of() : earlier.newFindings(all.findings(), allContext.keys());
    ScanResult result = earlier == null ? all : all.withFindings(List.copyOf(states.keySet()), all.suppressed());
    SarifContext context = allContext.withStates(states);
    output.write(
        out -> {
          switch (format) {
            case sarif -> SarifReport.write(result, top, context, out);
            case text -> TextReport.write(result, includeSuppressed, out);
            case json -> JsonReport.write(result, states, stats, includeSuppressed, out);
          }
        },
        root.out);
    PrintWriter err = spec.commandLine().getErr();
    if (stats) printStats(result, err);
    int incomplete = ScanRunner.finish(result, format == Format.text, err);
    if (incomplete != 0) return incomplete;
    return exitCode(result.findings(), failOn);
  }

  static int exitCode(List<Finding> findings, FailOn failOn) {
    if (failOn == FailOn.never) return 0;
    Severity threshold = Severity.valueOf(failOn.name().toUpperCase(Locale.ROOT));
    for (Finding f : findings) if (f.severity().atLeast(threshold)) return MmapCheck.FINDINGS;
    return 0;
  }

  static void printStats(ScanResult result, PrintWriter err) {
    ScanStats s = result.stats();
    err.printf("files read:      %d (%d bytes)%n", s.filesRead(), s.bytesRead());
    err.printf("files parsed:    %d (%d not parsed)%n", s.filesParsed(), s.parseFailures());
    err.printf("problem nodes:   %d%n", s.problemNodes());
    err.printf("functions:       %d%n", s.functions());
    err.printf("exporters:       %d%n", result.model().opsTables("dma_buf_ops").size());
    err.printf("findings:        %d%n", result.findings().size());
    err.printf("suppressed:      %d%n", result.suppressed().size());
    err.printf("notifications:   %d%n", result.notifications().size());
    err.printf("time (ms):       list and read %d, parse %d, rules %d%n", s.readMillis(), s.parseMillis(), s.rulesMillis());
    err.flush();
  }
}
