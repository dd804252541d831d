package org.mmapcheck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.revwalk.RevCommit;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.ScanStats;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.JsonReport;
import org.mmapcheck.analyzer.report.SarifContext;
import org.mmapcheck.analyzer.report.SarifReport;
import org.mmapcheck.analyzer.report.TextReport;
import org.mmapcheck.analyzer.source.DirectoryTree;
import org.mmapcheck.analyzer.source.GitTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
      "2:usage error or bad input",
      "3:internal error"
    })
final class ScanCommand implements Callable<Integer> {

  enum Format { sarif, text, json }

  enum FailOn { error, warning, note, never }

  @Mixin TreeOptions tree;

  @Mixin OutputOptions output;

  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", description = "sarif, text or json (default: ${DEFAULT-VALUE}).")
  Format format = Format.sarif;

  @Mixin ProfileOption profile;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "Exit 1 when a finding is at or above LEVEL: error, warning, note or never (default: ${DEFAULT-VALUE}).")
  FailOn failOn = FailOn.error;

  @Option(names = "--stats", description = "Print scan figures (files, parse problems, times) to standard error.")
  boolean stats;

  @Mixin RepoOption repo;

  @Option(
      names = "--rev",
      paramLabel = "REV",
      description = "Scan this git revision (a branch, tag, commit id, HEAD~2, ...) from the repository's object database, with no checkout; PATHs are then paths in its tree, from its top.")
  String rev;

  @Override
  public Integer call() throws Exception {
    Profile chosen = profile.chosen();
    if (rev != null) return scanRevision(chosen);
    if (repo.dir != null) throw new MmapCheck.BadInputException("--repo goes with --rev");
    TreeOptions.Selection selection = tree.select();
    output.check();
    ScanResult result = ScanRunner.run(selection, tree, chosen);
    SarifContext context = SarifContext.of(FindingKey.of(result.findings(), new DirectoryTree(selection.root())));
    return report(result, selection.root(), context);
  }

  private int scanRevision(Profile chosen) throws IOException {
    if (tree.root != null) throw new MmapCheck.BadInputException("--root does not go with --rev: paths in a revision are from the top of its tree");
    try (GitRepo git = repo.open()) {
      RevCommit commit = git.commit(rev);
      GitTree source = git.tree(commit);
      List<String> prefixes = git.prefixes(source, commit, tree.paths);
      output.check();
      ScanResult result = GitRepo.guard(() -> ScanRunner.run(source, prefixes, tree, chosen));
      SarifContext context =
          new SarifContext(
              GitRepo.guard(() -> FindingKey.of(result.findings(), source)),
              git.provenance(rev, commit),
              "mmapcheck/" + chosen.label() + "/" + commit.name(),
              Map.of());
      return report(result, null, context);
    }
  }

  /** Writes the report in the chosen format and returns the exit code. */
  private int report(ScanResult result, Path root, SarifContext context) throws IOException {
    output.write(
        out -> {
          switch (format) {
            case sarif -> SarifReport.write(result, root, context, out);
            case text -> TextReport.write(result, out);
            case json -> JsonReport.write(result, out);
          }
        },
        System.out);
    if (stats) printStats(result);
    return exitCode(result.findings(), failOn);
  }

  static int exitCode(List<Finding> findings, FailOn failOn) {
    if (failOn == FailOn.never) return 0;
    Severity threshold = Severity.valueOf(failOn.name().toUpperCase(Locale.ROOT));
    for (Finding f : findings) if (f.severity().atLeast(threshold)) return MmapCheck.FINDINGS;
    return 0;
  }

  private void printStats(ScanResult result) {
    ScanStats s = result.stats();
    var err = spec.commandLine().getErr();
    err.printf("files read:      %d (%d bytes)%n", s.filesRead(), s.bytesRead());
    err.printf("files parsed:    %d (%d not parsed)%n", s.filesParsed(), s.parseFailures());
    err.printf("problem nodes:   %d%n", s.problemNodes());
    err.printf("functions:       %d%n", s.functions());
    err.printf("exporters:       %d%n", result.model().opsTables("dma_buf_ops").size());
    err.printf("findings:        %d%n", result.findings().size());
    err.printf("notifications:   %d%n", result.notifications().size());
    err.printf("time (ms):       list and read %d, parse %d, rules %d%n", s.readMillis(), s.parseMillis(), s.rulesMillis());
    err.flush();
  }
}
