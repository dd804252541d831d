package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.model.ProgramModel;

/** Everything a scan produced, for the report writers. */
public record ScanResult(
    String tree,
    Profile profile,
    List<RuleDescriptor> rules,
    ProgramModel model,
    List<Finding> findings,
    List<Notification> notifications,
    ScanStats stats) {

  /** Whether the scan ran to the end; files it could not parse do not change that. */
  public boolean successful() {
    return notifications.stream().noneMatch(n -> n.ruleId() != null);
  }
}
