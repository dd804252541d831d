package org.mmapcheck.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.report.FindingDiff;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.JsonReport;
import org.mmapcheck.analyzer.report.SarifContext;
import org.mmapcheck.analyzer.report.SarifContext.BaselineState;
import org.mmapcheck.analyzer.report.SarifReport;
import org.mmapcheck.analyzer.report.TextReport;
import org.mmapcheck.analyzer.source.GitRenames;
import org.mmapcheck.analyzer.source.GitTree;
import org.mmapcheck.analyzer.source.GitWorkTree;
import org.mmapcheck.analyzer.source.SourceTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Report the findings a change introduces: those of head that base does not have.",
      "Findings are paired by rule, function, exporters and offending statement (whitespace aside),"
          + " then by rule, function and statement, then by rule and function; wherever they moved,"
          + " and across files git sees as renamed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no new findings at or above --fail-on",
      "1:new findings at or above --fail-on",
      "2:usage error or bad input",
      "3:internal error"
    })
final class DiffCommand implements Callable<Integer> {

  @Mixin RepoOption repo;

  @Mixin TreeOptions tree;

  @Mixin OutputOptions output;

  @Mixin ProfileOption profile;

  @Option(names = "--base", required = true, paramLabel = "REV", description = "The revision before the change.")
  String base;

  @Option(
      names = "--head",
      paramLabel = "REV",
      description = "The revision after the change (default: the work tree, uncommitted changes included).")
  String head;

  @Option(names = "--show-fixed", description = "Also list the findings of base that head no longer has.")
  boolean showFixed;

  @Option(names = "--format", paramLabel = "FORMAT", description = "sarif, text or json (default: ${DEFAULT-VALUE}).")
  ScanCommand.Format format = ScanCommand.Format.sarif;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "Exit 1 when a new finding is at or above LEVEL: error, warning, note or never (default: ${DEFAULT-VALUE}).")
  ScanCommand.FailOn failOn = ScanCommand.FailOn.error;

  @Override
  public Integer call() throws Exception {
    Profile chosen = profile.chosen();
    if (tree.root != null) throw new MmapCheck.BadInputException("--root does not go with diff: paths are from the top of the repository");
    try (GitRepo git = repo.open()) {
      RevCommit baseCommit = git.commit(base);
      RevCommit headCommit = git.commit(head == null ? Constants.HEAD : head);
      if (head == null && git.repository.isBare())
        throw new MmapCheck.BadInputException("a bare repository has no work tree: give --head");
      GitTree baseTree = git.tree(baseCommit);
      SourceTree headTree = head == null ? new GitWorkTree(git.repository) : git.tree(headCommit);
      List<String> prefixes = GitRepo.treePaths(tree.paths);
      if (kernelTop(git, headTree)) TreeOptions.withKernelHeaders(prefixes);
      output.check();

      ScanResult before = GitRepo.guard(() -> ScanRunner.run(baseTree, prefixes, tree, chosen));
      ScanResult after = GitRepo.guard(() -> ScanRunner.run(headTree, prefixes, tree, chosen));
      Map<String, String> renames =
          GitRepo.guard(() -> GitRenames.of(git.repository, baseCommit.getTree(), headIterator(git, head == null ? null : headCommit), paths(before.findings())));
      Map<Finding, FindingKey> baseKeys =
          GitRepo.guard(() -> FindingKey.of(before.findings(), baseTree, p -> renames.getOrDefault(p, p)));
      Map<Finding, FindingKey> headKeys = GitRepo.guard(() -> FindingKey.of(after.findings(), headTree));
      FindingDiff diff = FindingDiff.of(baseKeys, headKeys);

      Map<Finding, BaselineState> states = new LinkedHashMap<>();
      for (Finding f : diff.added()) states.put(f, BaselineState.NEW);
      if (showFixed) for (Finding f : diff.removed()) states.put(f, BaselineState.ABSENT);
      Map<Finding, FindingKey> keys = new LinkedHashMap<>(headKeys);
      keys.putAll(baseKeys);
      ScanResult shown = withFindings(after, new ArrayList<>(states.keySet()));
      SarifContext context =
          new SarifContext(
              keys,
              git.provenance(head == null ? Constants.HEAD : head, headCommit),
              "mmapcheck-diff/" + chosen.label() + "/" + baseCommit.name() + ".." + (head == null ? "worktree" : headCommit.name()),
              states);
      Path root = head == null ? git.repository.getWorkTree().toPath() : null;
      output.write(
          out -> {
            switch (format) {
              case sarif -> SarifReport.write(shown, root, context, out);
              case json -> JsonReport.write(shown, states, out);
              case text -> {
                TextReport.write(withFindings(after, diff.added()), out);
                if (showFixed) writeFixed(withFindings(before, diff.removed()), out);
              }
            }
          },
          System.out);
      return ScanCommand.exitCode(diff.added(), failOn);
    }
  }

  private static boolean kernelTop(GitRepo git, SourceTree headTree) throws IOException {
    if (headTree instanceof GitTree t) return GitRepo.guard(() -> GitRepo.isKernelTop(t));
    Path top = git.repository.getWorkTree().toPath();
    return TreeOptions.isKernelTop(top) && Files.isDirectory(top.resolve("include"));
  }

  /** The head for rename detection: the commit's tree, or for the work tree what is staged. */
  private static AbstractTreeIterator headIterator(GitRepo git, RevCommit headCommit) throws IOException {
    // git mv stages a rename; a file moved by hand and not yet added is new, as in git status.
    if (headCommit == null) return new DirCacheIterator(git.repository.readDirCache());
    try (ObjectReader reader = git.repository.newObjectReader()) {
      return new CanonicalTreeParser(null, reader, headCommit.getTree());
    }
  }

  /** Every path a finding names, for rename detection to follow. */
  static Set<String> paths(List<Finding> findings) {
    Set<String> paths = new HashSet<>();
    for (Finding f : findings) {
      paths.add(f.location().file());
      for (Finding.Related r : f.related()) paths.add(r.location().file());
    }
    return paths;
  }

  static ScanResult withFindings(ScanResult scan, List<Finding> findings) {
    return new ScanResult(
        scan.tree(), scan.options(), scan.rules(), scan.model(), scan.paths(), findings, scan.notifications(), scan.stats());
  }

  /** Fixed findings as text lines marked "fixed: ", so compiler-output parsers skip them. */
  private static void writeFixed(ScanResult fixed, OutputStream out) throws IOException {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    TextReport.write(fixed, lines);
    for (String line : lines.toString(StandardCharsets.UTF_8).split("\n"))
      if (!line.isEmpty()) out.write(("fixed: " + line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
