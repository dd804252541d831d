package org.mmapcheck.rules;

import java.util.List;
import org.mmapcheck.analyzer.engine.RuleDescriptor;

/** The registry of built-in rules: one line each. */
public final class BuiltinRules {

  private static final List<RuleDescriptor> ALL =
      List.of(
          RuleDescriptor.of(new MmapMissingRule()),
          RuleDescriptor.of(new MmapStubRule()),
          RuleDescriptor.of(new FaultInterceptionRule()),
          RuleDescriptor.of(new FaultSyncRule()),
          RuleDescriptor.of(new MmapExpandableRule()),
          RuleDescriptor.of(new VmFileRefcountRule()),
          RuleDescriptor.of(new PgoffIgnoredRule()),
          RuleDescriptor.of(new PgoffFakeOffsetRule()),
          RuleDescriptor.of(new MmapAssumesResvLockRule()),
          RuleDescriptor.of(new RedundantSizeCheckRule()),
          RuleDescriptor.of(new NoncoherentMappingRule()),
          RuleDescriptor.of(new ZapWithoutOwnFileRule()),
          RuleDescriptor.of(new FaultUnboundedRule()),
          RuleDescriptor.of(new ImporterMmapBypassRule()),
          RuleDescriptor.of(new BadSuppressionRule()));

  private BuiltinRules() {}

  public static List<RuleDescriptor> all() {
    return ALL;
  }

  /** The rule with this id or alias, or null. */
  public static RuleDescriptor find(String id) {
    for (RuleDescriptor r : ALL) {
      if (r.id().equals(id) || List.of(r.info().aliases()).contains(id)) return r;
    }
    return null;
  }
}
