package org.mmapcheck.analyzer.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's choice of rules: those turned off, and levels that replace a rule's own. Applied to a
 * finished scan, so every rule still runs and a suppression naming a rule turned off stays valid.
 *
 * @param off ids of the rules not to report
 * @param levels by rule id, the level to report at instead of the profile's
 */
public record RuleSettings(Set<String> off, Map<String, Severity> levels) {

  public static final RuleSettings NONE = new RuleSettings(Set.of(), Map.of());

  /** The scan with the rules turned off left out, and the other findings at their chosen levels. */
  public ScanResult applyTo(ScanResult scan) {
    if (off.isEmpty() && levels.isEmpty()) return scan;
    List<Finding> findings = scan.findings().stream().filter(this::on).map(this::leveled).toList();
    List<SuppressedFinding> suppressed =
        scan.suppressed().stream()
            .filter(s -> on(s.finding()))
            .map(s -> new SuppressedFinding(leveled(s.finding()), s.suppression()))
            .toList();
    List<RuleDescriptor> rules = scan.rules().stream().filter(r -> !off.contains(r.id())).toList();
    return new ScanResult(
        scan.tree(), scan.options(), rules, scan.model(), scan.paths(), findings, scan.notifications(), scan.stats(), suppressed);
  }

  private boolean on(Finding f) {
    return !off.contains(f.ruleId());
  }

  private Finding leveled(Finding f) {
    Severity level = levels.get(f.ruleId());
    return level == null
        ? f
        : new Finding(f.ruleId(), level, f.message(), f.location(), f.function(), f.related(), f.flows());
  }
}
