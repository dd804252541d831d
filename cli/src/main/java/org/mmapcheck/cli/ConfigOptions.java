package org.mmapcheck.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which configuration file a scan reads: the tree's own, another, or none. */
final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Read settings from FILE (default: " + ConfigFile.NAME + " at the tree root, if there is one). Command-line options win over it.")
  Path file;

  @Option(names = "--no-config", description = "Read no configuration file.")
  boolean none;

  /** The settings for a scan of the tree at {@code root}. */
  ConfigFile load(Path root) {
    if (none && file != null) throw new MmapCheck.BadInputException("--config and --no-config exclude each other");
    if (none) return ConfigFile.NONE;
    if (file != null) {
      if (!Files.isRegularFile(file)) throw new MmapCheck.BadInputException("--config file not found: " + file);
      return ConfigFile.read(file);
    }
    Path own = root.resolve(ConfigFile.NAME);
    return Files.isRegularFile(own) ? ConfigFile.read(own) : ConfigFile.NONE;
  }
}
