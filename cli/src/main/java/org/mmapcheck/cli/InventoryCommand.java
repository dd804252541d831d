package org.mmapcheck.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.report.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "List every dma-buf exporter (struct dma_buf_ops object) with its mmap and cpu-access callbacks.")
final class InventoryCommand implements Callable<Integer> {

  enum Format { json, text }

  @Mixin TreeOptions tree;

  @Mixin OutputOptions output;

  @Mixin ProfileOption profile;

  @Mixin ConfigOptions config;

  @Mixin CacheOptions cache;

  @Option(names = "--format", paramLabel = "FORMAT", description = "json or text (default: ${DEFAULT-VALUE}).")
  Format format = Format.json;

  @Spec CommandSpec spec;

  @ParentCommand MmapCheck root;

  @Override
  public Integer call() throws Exception {
    TreeOptions.Selection selection = tree.select();
    ConfigFile settings = config.load(selection.root());
    output.check();
    ScanResult result =
        ScanRunner.run(selection, tree, profile.chosen(settings), root.rules, settings, cache, spec.commandLine().getErr(), null).result();
    List<Inventory.Exporter> exporters = Inventory.of(result);
    output.write(
        out -> {
          if (format == Format.json) Inventory.writeJson(exporters, out);
          else Inventory.writeText(exporters, out);
        },
        root.out);
    return ScanRunner.finish(result, format == Format.text, spec.commandLine().getErr());
  }
}
