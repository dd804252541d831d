package org.mmapcheck.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.report.AuditReport;
import org.mmapcheck.analyzer.report.HtmlReport;
import org.mmapcheck.analyzer.report.ScanFile;
import org.mmapcheck.analyzer.report.ScanRecord;
import org.mmapcheck.rules.BuiltinRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write an audit report a person reads: every exporter's mmap profile and verdicts, every finding with its source and code flow, counts, and the rules' documentation.",
      "Scans the tree, or reads an earlier scan's SARIF or JSON with --from."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:report written", "2:usage error or bad input", "3:internal error"})
final class ReportCommand implements Callable<Integer> {

  enum Format { html, markdown }

  @Mixin TreeOptions tree;

  @Mixin OutputOptions output;

  @Mixin ProfileOption profile;

  @Option(names = "--format", paramLabel = "FORMAT", description = "html (one self-contained page) or markdown (a summary for a ticket or a mailing list). Default: ${DEFAULT-VALUE}.")
  Format format = Format.html;

  @Option(names = "--from", paramLabel = "FILE", description = "Report an earlier 'mmapcheck scan' result (SARIF or --format json) instead of scanning.")
  Path from;

  @Override
  public Integer call() throws Exception {
    ScanRecord scan;
    if (from != null) {
      if (!tree.paths.isEmpty()) throw new MmapCheck.BadInputException("give either --from or paths to scan, not both");
      output.check();
      scan = read(from);
    } else {
      Profile chosen = profile.chosen();
      TreeOptions.Selection selection = tree.select();
      output.check();
      scan = ScanRecord.of(ScanRunner.run(selection, tree, chosen), selection.root());
    }
    AuditReport report = AuditReport.of(List.of(scan), BuiltinRules.all(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    try {
      output.write(
          out -> {
            if (format == Format.html) HtmlReport.writeHtml(report, out);
            else HtmlReport.writeMarkdown(report, out);
          },
          System.out);
    } catch (FileSystemException e) {
      // Permissions, a full disk, a read-only mount: the user's to fix, and nothing was left behind.
      String why =
          e.getReason() != null ? e.getReason()
              : e instanceof AccessDeniedException ? "permission denied"
              : "cannot create a file there";
      throw new MmapCheck.BadInputException("cannot write " + output.output + ": " + why);
    }
    return 0;
  }

  private static ScanRecord read(Path file) {
    try {
      return ScanFile.read(file);
    } catch (ScanFile.UnreadableException e) {
      throw new MmapCheck.BadInputException(e.getMessage());
    }
  }
}
