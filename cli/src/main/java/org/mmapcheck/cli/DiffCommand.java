package org.mmapcheck.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
import org.mmapcheck.analyzer.engine.SuppressedFinding;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
      "2:usage error, bad input, or a report that cannot be written",
      "3:internal error, or a rule failed (the report is written and says so)"
    })
final class DiffCommand implements Callable<Integer> {

  @Mixin RepoOption repo;

  @Mixin CacheOptions cache;

  @Mixin TreeOptions tree;

  @Mixin OutputOptions output;

  @Mixin ProfileOption profile;

  @Mixin ConfigOptions config;

  @Spec CommandSpec spec;

  @ParentCommand MmapCheck root;

  @Option(names = "--base", required = true, paramLabel = "REV", description = "The revision before the change.")
  String base;

  @Option(
      names = "--head",
      paramLabel = "REV",
      description = "The revision after the change (default: the work tree, uncommitted changes included).")
  String head;

  @Option(
      names = "--merge-base",
      description = "Compare head with the merge base of --base and head (as git diff BASE...HEAD does), not with base itself, so what base's branch changed after head forked from it is neither new nor fixed.")
  boolean mergeBase;

  @Option(names = "--show-fixed", description = "Also list the findings of base that head no longer has.")
  boolean showFixed;

  @Option(names = "--format", paramLabel = "FORMAT", description = "sarif, text or json (default: ${DEFAULT-VALUE}).")
  ScanCommand.Format format = ScanCommand.Format.sarif;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "Exit 1 when a new finding is at or above LEVEL: error, warning, note or never (default: ${DEFAULT-VALUE}).")
  ScanCommand.FailOn failOn = ScanCommand.FailOn.error;

  @Option(
      names = "--include-suppressed",
      description = "Also list findings of head that mmapcheck-ignore comments silence (text: with their reason; json: under 'suppressed'). SARIF always holds them, marked suppressed.")
  boolean includeSuppressed;

  @Option(
      names = "--stats",
      description = "Print head's scan figures to standard error, and add them to --format json.")
  boolean stats;

  @Override
  public Integer call() throws Exception {
    if (tree.root != null) throw new MmapCheck.BadInputException("--root does not go with diff: paths are from the top of the repository");
    tree.checkJobs();
    try (GitRepo git = repo.open();
        CacheOptions.Opened kept = cache.open(spec.commandLine().getErr())) {
      RevCommit headCommit = git.commit(head == null ? Constants.HEAD : head);
      RevCommit baseCommit = mergeBase ? git.mergeBase(git.commit(base), headCommit) : git.commit(base);
      if (head == null && git.repository.isBare())
        throw new MmapCheck.BadInputException("a bare repository has no work tree: give --head");
      GitTree baseTree = git.tree(baseCommit);
      SourceTree headTree = head == null ? new GitWorkTree(git.repository) : git.tree(headCommit);
      // Head's configuration file serves both sides: the change is judged by the settings it ends with.
      ConfigFile settings =
          headTree instanceof GitTree t ? config.load(t, head) : config.load(git.repository.getWorkTree().toPath());
      Profile chosen = profile.chosen(settings);
      List<String> prefixes = GitRepo.treePaths(tree.paths);
      if (kernelTop(git, headTree)) TreeOptions.withKernelHeaders(prefixes);
      output.check();

      ScanRunner.Findings before = GitRepo.guard(() -> ScanRunner.findings(baseTree, prefixes, tree, chosen, root.rules, settings, kept.cache()));
      ScanResult after = GitRepo.guard(() -> ScanRunner.run(headTree, prefixes, tree, chosen, root.rules, settings, kept.cache(), null));
      Map<String, String> renames =
          GitRepo.guard(() -> GitRenames.of(git.repository, baseCommit.getTree(), headIterator(git, head == null ? null : headCommit), paths(before.findings())));
      Map<Finding, FindingKey> baseKeys =
          GitRepo.guard(() -> FindingKey.of(before.findings(), baseTree, p -> renames.getOrDefault(p, p)));
      // Suppressed findings of head pair with base's too: a suppression added by the change is not a fix.
      Map<Finding, FindingKey> headKeys = GitRepo.guard(() -> FindingKey.of(after, headTree));
      FindingDiff diff = FindingDiff.of(baseKeys, headKeys);
      Set<Finding> reported = new HashSet<>(after.findings());
      List<Finding> added = diff.added().stream().filter(reported::contains).toList();

      Map<Finding, BaselineState> states = new LinkedHashMap<>();
      for (Finding f : added) states.put(f, BaselineState.NEW);
      if (showFixed) for (Finding f : diff.removed()) states.put(f, BaselineState.ABSENT);
      Map<Finding, FindingKey> keys = new LinkedHashMap<>(headKeys);
      keys.putAll(baseKeys);
      ScanResult shown = after.withFindings(new ArrayList<>(states.keySet()), after.suppressed());
      SarifContext context =
          new SarifContext(
              keys,
              git.provenance(head == null ? Constants.HEAD : head, headCommit),
              "mmapcheck-diff/" + chosen.label() + "/" + baseCommit.name() + ".." + (head == null ? "worktree" : headCommit.name()),
              states);
      Path top = head == null ? git.repository.getWorkTree().toPath() : null;
      output.write(
          out -> {
            switch (format) {
              case sarif -> SarifReport.write(shown, top, context, out);
              case json -> JsonReport.write(shown, states, stats, includeSuppressed, out);
              case text -> {
                TextReport.write(after.withFindings(added, after.suppressed()), includeSuppressed, out);
                if (showFixed) writeFixed(after.withFindings(diff.removed(), List.of()), out);
              }
            }
          },
          root.out);
      PrintWriter err = spec.commandLine().getErr();
      if (stats) ScanCommand.printStats(after, err);
      int incomplete = ScanRunner.finish(after, format == ScanCommand.Format.text, err);
      if (!before.successful()) {
        err.println("mmapcheck: internal error: rules failed on base, so the diff is incomplete");
        err.flush();
        incomplete = MmapCheck.INTERNAL;
      }
      if (incomplete != 0) return incomplete;
      return ScanCommand.exitCode(added, failOn);
    }
  }

  private static boolean kernelTop(GitRepo git, SourceTree headTree) throws IOException {
    if (headTree instanceof GitTree t) return GitRepo.guard(() -> GitRepo.isKernelTop(t));
    return TreeOptions.hasKernelHeaders(git.repository.getWorkTree().toPath());
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

  /** Fixed findings as text lines marked "fixed: ", so compiler-output parsers skip them. */
  private static void writeFixed(ScanResult fixed, OutputStream out) throws IOException {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    TextReport.write(fixed, false, lines);
    for (String line : lines.toString(StandardCharsets.UTF_8).split("\n"))
      if (!line.isEmpty()) out.write(("fixed: " + line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
