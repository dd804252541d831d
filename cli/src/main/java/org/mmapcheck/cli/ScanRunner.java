package org.mmapcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.mmapcheck.analyzer.engine.Notification;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.source.DirectoryTree;

/** Runs a scan of the selected tree, and says on standard error how far it got. */
final class ScanRunner {

  private ScanRunner() {}

  static ScanResult run(
      TreeOptions.Selection selection, TreeOptions options, Profile profile, List<RuleDescriptor> rules)
      throws IOException {
    ScanOptions scanOptions = ScanOptions.defaults(profile).withJobs(options.jobs).withApi(options.kernelApi());
    Scanner scanner = new Scanner(scanOptions, Progress.forTerminal(options.quiet));
    return scanner.scan(new DirectoryTree(selection.root()), selection.prefixes(), rules);
  }

  /**
   * After the report is written: a rule that failed makes the scan incomplete, exit 3 (the report
   * says so too).
   */
  static int finish(ScanResult result, PrintWriter err) {
    if (result.successful()) return 0;
    List<String> failed =
        result.notifications().stream().map(Notification::ruleId).filter(id -> id != null).distinct().toList();
    err.println("mmapcheck: internal error: rules failed, so the report is incomplete: " + String.join(", ", failed));
    err.flush();
    return MmapCheck.INTERNAL;
  }
}
