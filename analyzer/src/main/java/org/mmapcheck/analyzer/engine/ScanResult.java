package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;

/**
 * Everything a scan produced, for the report writers. {@code findings} are those reported;
 * {@code suppressed} those an {@code mmapcheck-ignore} comment silences, kept for SARIF.
 */
public record ScanResult(
    String tree,
    ScanOptions options,
    List<RuleDescriptor> rules,
    ProgramModel model,
    List<MmapPath> paths,
    List<Finding> findings,
    List<Notification> notifications,
    ScanStats stats,
    List<SuppressedFinding> suppressed) {

  public Profile profile() {
    return options.profile();
  }

  /** The same scan reporting these findings: those a diff or a baseline leaves new. */
  public ScanResult withFindings(List<Finding> findings, List<SuppressedFinding> suppressed) {
    return new ScanResult(tree, options, rules, model, paths, findings, notifications, stats, suppressed);
  }

  /** Whether the scan ran to the end; files it could not parse do not change that. */
  public boolean successful() {
    return notifications.stream().noneMatch(n -> n.ruleId() != null);
  }
}
