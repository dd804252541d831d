package org.mmapcheck.cli;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.mmapcheck.analyzer.source.GitTree;
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
    return load(
        () -> {
          Path own = root.resolve(ConfigFile.NAME);
          return Files.isRegularFile(own) ? ConfigFile.read(own) : ConfigFile.NONE;
        });
  }

  /** The settings for a scan of a git revision: its own file is the one at the top of its tree. */
  ConfigFile load(GitTree tree, String revision) {
    return load(
        () -> {
          if (!tree.isFile(ConfigFile.NAME)) return ConfigFile.NONE;
          ByteBuffer bytes = tree.read(ConfigFile.NAME);
          return ConfigFile.read(
              revision + ":" + ConfigFile.NAME, Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit()));
        });
  }

  private ConfigFile load(Callable<ConfigFile> own) {
    if (none && file != null) throw new MmapCheck.BadInputException("--config and --no-config exclude each other");
    if (none) return ConfigFile.NONE;
    if (file != null) {
      if (!Files.isRegularFile(file)) throw new MmapCheck.BadInputException("--config file not found: " + file);
      return ConfigFile.read(file);
    }
    return GitRepo.guard(own);
  }
}
