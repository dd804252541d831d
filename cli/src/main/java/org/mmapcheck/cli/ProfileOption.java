package org.mmapcheck.cli;

import org.mmapcheck.analyzer.engine.Profile;
import picocli.CommandLine.Option;

/** Which contract to hold exporters to: shared by scan and inventory. */
final class ProfileOption {

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "Contract to check against: current (today's kernel docs) or 2012 (the original contract). Default: the configuration file's, else current.")
  String label;

  /** The profile given, else the configuration file's, else current. */
  Profile chosen(ConfigFile config) {
    if (label == null) return config.profile() == null ? Profile.CURRENT : config.profile();
    try {
      return Profile.fromLabel(label);
    } catch (IllegalArgumentException e) {
      throw new MmapCheck.BadInputException(e.getMessage());
    }
  }
}
