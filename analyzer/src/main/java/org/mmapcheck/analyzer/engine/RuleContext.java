package org.mmapcheck.analyzer.engine;

import java.util.ArrayList;
import java.util.List;
import org.mmapcheck.analyzer.model.Location;

/** What a rule sees of the run: the profile, and where to report. One per rule per run. */
public final class RuleContext {

  private final RuleDescriptor rule;
  private final Profile profile;
  private final List<Finding> findings = new ArrayList<>();

  RuleContext(RuleDescriptor rule, Profile profile) {
    this.rule = rule;
    this.profile = profile;
  }

  public Profile profile() {
    return profile;
  }

  /** Reports at the rule's level for this profile. */
  public void report(
      Location at,
      String function,
      String message,
      List<Finding.Related> related,
      List<Finding.Related> flow) {
    findings.add(
        new Finding(
            rule.id(),
            rule.severity(profile),
            message,
            at,
            function,
            List.copyOf(related),
            flow.isEmpty() ? List.of() : List.of(List.copyOf(flow))));
  }

  List<Finding> findings() {
    return findings;
  }
}
