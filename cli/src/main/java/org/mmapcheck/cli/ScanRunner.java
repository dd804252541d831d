package org.mmapcheck.cli;

import java.io.IOException;
import java.util.List;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.source.DirectoryTree;
import org.mmapcheck.analyzer.source.SourceTree;
import org.mmapcheck.rules.BuiltinRules;

/** Runs a scan of the selected tree with every built-in rule. */
final class ScanRunner {

  private ScanRunner() {}

  static ScanResult run(TreeOptions.Selection selection, TreeOptions options, Profile profile)
      throws IOException {
    return run(new DirectoryTree(selection.root()), selection.prefixes(), options, profile);
  }

  static ScanResult run(SourceTree source, List<String> prefixes, TreeOptions options, Profile profile)
      throws IOException {
    ScanOptions scanOptions = ScanOptions.defaults(profile).withJobs(options.jobs).withApi(options.kernelApi());
    Scanner scanner = new Scanner(scanOptions, Progress.forTerminal(options.quiet));
    return scanner.scan(source, prefixes, BuiltinRules.all());
  }
}
