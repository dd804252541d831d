package org.mmapcheck.cli;

import java.io.IOException;
import java.util.List;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.source.DirectoryTree;
import org.mmapcheck.analyzer.source.SkippingTree;
import org.mmapcheck.analyzer.source.SourceTree;
import org.mmapcheck.rules.BuiltinRules;

/** Runs a scan of the selected tree with every built-in rule, as the configuration file settles it. */
final class ScanRunner {

  private ScanRunner() {}

  static ScanResult run(TreeOptions.Selection selection, TreeOptions options, Profile profile, ConfigFile config)
      throws IOException {
    ScanOptions scanOptions =
        ScanOptions.defaults(profile).withJobs(options.jobs).withApi(config.addTo(options.kernelApi()));
    // A path given on the command line is read even where the file skips it.
    List<String> skip =
        config.skip().stream()
            .filter(s -> selection.prefixes().stream().noneMatch(p -> p.equals(s) || p.startsWith(s + "/")))
            .toList();
    SourceTree tree = new DirectoryTree(selection.root());
    if (!skip.isEmpty()) tree = new SkippingTree(tree, skip);
    Scanner scanner = new Scanner(scanOptions, Progress.forTerminal(options.quiet));
    return config.rules().applyTo(scanner.scan(tree, selection.prefixes(), BuiltinRules.all()));
  }
}
