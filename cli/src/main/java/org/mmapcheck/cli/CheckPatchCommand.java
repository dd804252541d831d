package org.mmapcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.report.FindingDiff;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.JsonReport;
import org.mmapcheck.analyzer.report.SarifContext;
import org.mmapcheck.analyzer.report.SarifContext.BaselineState;
import org.mmapcheck.analyzer.report.SarifReport;
import org.mmapcheck.analyzer.source.GitTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "check-patch",
    mixinStandardHelpOptions = true,
    description = {
      "Apply patches in memory on a revision, in order, and report the findings each one introduces.",
      "Text output is checkpatch's terse shape, FILE:LINE: ERROR|WARNING|CHECK: message, and prints"
          + " nothing for a clean patch, so b4's am-perpatch-check-cmd and prep-perpatch-check-cmd"
          + " can run it (b4 feeds each patch on standard input)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no patch introduces findings at or above --fail-on",
      "1:a patch introduces findings at or above --fail-on",
      "2:usage error or bad input, a patch that does not apply among them",
      "3:internal error"
    })
final class CheckPatchCommand implements Callable<Integer> {

  enum Format { text, sarif, json }

  @Mixin RepoOption repo;

  @Mixin CacheOptions cache;

  @Mixin OutputOptions output;

  @Mixin ProfileOption profile;

  @Mixin ConfigOptions config;

  @ParentCommand MmapCheck root;

  @Spec CommandSpec spec;

  @Option(names = "--base", paramLabel = "REV", description = "The revision to apply the first patch to (default: HEAD).")
  String base = Constants.HEAD;

  @Parameters(
      paramLabel = "PATCH",
      description = "git format-patch files or mboxes of a series; '-' or none reads one from standard input.")
  List<String> patches = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "text, sarif or json (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "Exit 1 when a patch introduces a finding at or above LEVEL: error, warning, note or never (default: ${DEFAULT-VALUE}).")
  ScanCommand.FailOn failOn = ScanCommand.FailOn.error;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Worker threads (default: number of processors).")
  int jobs = Runtime.getRuntime().availableProcessors();

  /** A patch, the scan after it (findings only in the terse form, where the cache may answer), and what it introduced. */
  private record Checked(PatchSeries.Patch patch, ScanRunner.Findings after, List<Finding> added) {}

  @Override
  public Integer call() throws Exception {
    output.check();
    List<PatchSeries.Patch> series = PatchSeries.read(patches, root.in);
    TreeOptions options = new TreeOptions();
    options.jobs = jobs;
    options.checkJobs();
    try (GitRepo git = repo.open();
        ObjectInserter inserter = git.repository.newObjectInserter();
        CacheOptions.Opened kept = cache.open(spec.commandLine().getErr())) {
      RevCommit baseCommit = git.commit(base);
      // The base's own configuration file, as scan --rev reads its revision's.
      ConfigFile settings = config.load(git.tree(baseCommit), base);
      Profile chosen = profile.chosen(settings);
      InMemoryApply applier = new InMemoryApply(git.repository, inserter);
      List<Checked> checked = new ArrayList<>();
      Map<Finding, FindingKey> keys = new LinkedHashMap<>();
      ObjectId tree = baseCommit.getTree();
      List<Finding> last = null;
      for (PatchSeries.Patch patch : series) {
        ObjectId onto = tree;
        InMemoryApply.Applied applied = GitRepo.guard(() -> applier.apply(patch, onto));
        GitTree before = new GitTree(git.repository, applied.before(), "before " + patch.source());
        GitTree after = new GitTree(git.repository, applied.after(), "after " + patch.source());
        // The tree a patch made is the next one's base: scanned once, unless a fallback replaced it.
        List<Finding> was =
            last != null && applied.before().equals(onto) ? last : findings(before, options, chosen, settings, kept.cache()).findings();
        ScanRunner.Findings is =
            format == Format.text
                ? findings(after, options, chosen, settings, kept.cache())
                : ScanRunner.Findings.of(scan(after, options, chosen, settings, kept.cache()));
        checked.add(new Checked(patch, is, introduced(git, applied, before, was, after, is.findings(), keys)));
        tree = applied.after();
        last = is.findings();
      }
      List<Finding> added = new ArrayList<>();
      for (Checked c : checked) added.addAll(c.added());
      ObjectId finalTree = tree;
      output.write(
          out -> {
            switch (format) {
              case text -> writeTerse(checked, out);
              case json -> writeJson(checked, out);
              case sarif -> {
                Map<Finding, BaselineState> states = new LinkedHashMap<>();
                for (Finding f : added) states.put(f, BaselineState.NEW);
                ScanResult lastScan = checked.get(checked.size() - 1).after().scan();
                SarifContext context =
                    new SarifContext(
                        keys,
                        git.provenance(base, baseCommit),
                        "mmapcheck-check-patch/" + chosen.label() + "/" + baseCommit.name() + ".." + finalTree.name(),
                        states);
                SarifReport.write(lastScan.withFindings(added, List.of()), null, context, out);
              }
            }
          },
          root.out);
      // A rule that failed on any tree leaves the check incomplete: one line on stderr (which b4
      // shows as a failure) and exit 3, after the report. Files not parsed are not counted there.
      for (Checked c : checked)
        if (!c.after().successful()) return ScanRunner.finish(c.after().scan(), false, spec.commandLine().getErr());
      return ScanCommand.exitCode(added, failOn);
    }
  }

  /** The whole tree (its headers with it). */
  private ScanResult scan(GitTree tree, TreeOptions options, Profile profile, ConfigFile settings, ScanCache cache) {
    return GitRepo.guard(() -> ScanRunner.run(tree, List.of(""), options, profile, root.rules, settings, cache, null));
  }

  /** The whole tree's findings, from the cache if it saw the tree under these settings. */
  private ScanRunner.Findings findings(GitTree tree, TreeOptions options, Profile profile, ConfigFile settings, ScanCache cache) {
    return GitRepo.guard(() -> ScanRunner.findings(tree, List.of(""), options, profile, root.rules, settings, cache));
  }

  /** The findings after a patch that before it lacks, paired as diff pairs them; their keys go to {@code keys}. */
  private static List<Finding> introduced(
      GitRepo git,
      InMemoryApply.Applied applied,
      GitTree before,
      List<Finding> was,
      GitTree after,
      List<Finding> is,
      Map<Finding, FindingKey> keys) {
    return GitRepo.guard(
        () -> {
          Map<Finding, FindingKey> beforeKeys = git.keysInHead(before, applied.before(), applied.after(), was);
          Map<Finding, FindingKey> afterKeys = FindingKey.of(is, after);
          List<Finding> added = FindingDiff.of(beforeKeys, afterKeys).added();
          for (Finding f : added) keys.put(f, afterKeys.get(f));
          return added;
        });
  }

  /** checkpatch's names for the levels: error, warning, and CHECK for what --strict adds. */
  static String checkpatchLevel(Severity severity) {
    return switch (severity) {
      case ERROR -> "ERROR";
      case WARNING -> "WARNING";
      case NOTE -> "CHECK";
    };
  }

  /**
   * One line a finding; with more than one patch, a header line before each patch that has any,
   * as checkpatch names each file it reads. A clean patch prints nothing, which b4 reads as passed.
   */
  private static void writeTerse(List<Checked> checked, OutputStream out) {
    PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
    for (int i = 0; i < checked.size(); i++) {
      Checked c = checked.get(i);
      if (c.added().isEmpty()) continue;
      if (checked.size() > 1) w.printf("--- patch %d/%d: %s%n", i + 1, checked.size(), c.patch().name());
      for (Finding f : c.added())
        w.printf(
            "%s:%d: %s: %s [%s]%n", f.location().file(), f.location().line(), checkpatchLevel(f.severity()), f.message(), f.ruleId());
    }
    w.flush();
  }

  /** Per patch, its name and subject and mmapcheck's JSON findings for what it introduced. */
  private static void writeJson(List<Checked> checked, OutputStream out) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tool", Version.NAME);
    root.put("version", Version.get());
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < checked.size(); i++) {
      Checked c = checked.get(i);
      ByteArrayOutputStream report = new ByteArrayOutputStream();
      JsonReport.write(c.after().scan().withFindings(c.added(), List.of()), Map.of(), false, false, report);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("number", i + 1);
      p.put("source", c.patch().source());
      p.put("subject", c.patch().subject());
      p.put("findings", mapper.readTree(report.toByteArray()).get("findings"));
      list.add(p);
    }
    root.put("patches", list);
    mapper.writeValue(out, root);
    out.write('\n');
  }
}
