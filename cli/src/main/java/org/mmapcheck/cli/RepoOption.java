package org.mmapcheck.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which git repository to read: shared by the commands that read revisions. */
final class RepoOption {

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "Git repository, a work tree or a bare one (default: the one holding the current directory).")
  Path dir;

  GitRepo open() {
    return GitRepo.open(dir);
  }
}
