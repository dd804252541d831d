package org.mmapcheck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.report.AuditReport;
import org.mmapcheck.analyzer.report.HtmlReport;
import org.mmapcheck.analyzer.report.ScanFile;
import org.mmapcheck.analyzer.report.ScanRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write an audit report a person reads: every exporter's mmap profile and verdicts, every finding with its source and code flow, counts, and the rules' documentation.",
      "Scans the tree, or reads an earlier scan's SARIF or JSON with --from."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:report written", "2:usage error or bad input", "3:internal error (a rule failed: the report says so)"})
final class ReportCommand implements Callable<Integer> {

  enum Format { html, markdown }

  @Mixin TreeOptions tree;

  @Mixin OutputOptions output;

  @Mixin ProfileOption profile;

  @Mixin ConfigOptions config;

  @Mixin CacheOptions cache;

  @Option(names = "--format", paramLabel = "FORMAT", description = "html (one self-contained page) or markdown (a summary for a ticket or a mailing list). Default: ${DEFAULT-VALUE}.")
  Format format = Format.html;

  @Option(names = "--from", paramLabel = "FILE", description = "Report an earlier 'mmapcheck scan' result (SARIF or --format json, with its profile) instead of scanning.")
  Path from;

  @Spec CommandSpec spec;

  @ParentCommand MmapCheck root;

  @Override
  public Integer call() throws Exception {
    ScanRecord scan;
    ScanResult result = null;
    if (from != null) {
      if (!tree.paths.isEmpty()) throw new MmapCheck.BadInputException("give either --from or paths to scan, not both");
      output.check();
      scan = read(from);
    } else {
      TreeOptions.Selection selection = tree.select();
      ConfigFile settings = config.load(selection.root());
      Profile chosen = profile.chosen(settings);
      output.check();
      ScanRunner.DirectoryScan scanned = ScanRunner.run(selection, tree, chosen, root.rules, settings, cache, spec.commandLine().getErr(), null);
      result = scanned.result();
      scan = ScanRecord.of(result, scanned.source());
    }
    // A scan's own rules: those the configuration file turned off have no column.
    AuditReport report =
        AuditReport.of(List.of(scan), result != null ? result.rules() : root.rules, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    output.write(
        out -> {
          if (format == Format.html) HtmlReport.writeHtml(report, out);
          else HtmlReport.writeMarkdown(report, out);
        },
        root.out);
    return result == null ? 0 : ScanRunner.finish(result, false, spec.commandLine().getErr());
  }

  private static ScanRecord read(Path file) {
    try {
      return ScanFile.read(file);
    } catch (ScanFile.UnreadableException e) {
      throw new MmapCheck.BadInputException(e.getMessage());
    } catch (IOException e) {
      throw new MmapCheck.BadInputException("cannot read --from " + file + ": " + MmapCheck.reason(e));
    }
  }
}
