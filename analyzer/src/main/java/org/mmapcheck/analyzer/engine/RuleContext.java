package org.mmapcheck.analyzer.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.model.MmapPath;

/** What a rule sees of the run: the profile, and where to report. One per rule per run. */
public final class RuleContext {

  private final RuleDescriptor rule;
  private final ScanOptions options;
  private final List<MmapPath> paths;
  private final List<Finding> findings = new ArrayList<>();

  RuleContext(RuleDescriptor rule, ScanOptions options, List<MmapPath> paths) {
    this.rule = rule;
    this.options = options;
    this.paths = paths;
  }

  /** The mmap path of every exporter whose .mmap the model resolves, worked out once per scan. */
  public List<MmapPath> mmapPaths() {
    return paths;
  }

  public Profile profile() {
    return options.profile();
  }

  public KernelApi api() {
    return options.api();
  }

  /** What a callback other than mmap runs, followed as mmap paths are. */
  public Map<FunctionDef, List<FunctionDef>> reach(ProgramModel model, FunctionDef callback) {
    return model.reachable(callback, options.callDepth(), true, options.api().allNames());
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
            rule.severity(options.profile()),
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
