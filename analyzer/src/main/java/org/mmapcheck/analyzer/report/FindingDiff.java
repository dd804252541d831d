package org.mmapcheck.analyzer.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.mmapcheck.analyzer.engine.Finding;

/**
 * Two scans compared by {@link FindingKey}: what the head added, kept and lost. Findings are
 * paired one to one, first by the whole key, then what is left by rule, function and statement
 * (the exporters reaching a shared helper change as drivers come and go), then by rule and
 * function (the function still does what the rule reports, in other words). So a second
 * finding of a rule in a function that had one is new, and a rewritten one is not.
 */
public record FindingDiff(List<Finding> added, List<Finding> unchanged, List<Finding> removed) {

  private static final List<UnaryOperator<FindingKey>> TIERS =
      List.of(
          k -> k,
          k -> new FindingKey(k.rule(), k.function(), List.of(), k.statement()),
          k -> new FindingKey(k.rule(), k.function(), List.of(), ""));

  /** Both maps in report order, each finding with its key (the base's with head paths). */
  public static FindingDiff of(Map<Finding, FindingKey> base, Map<Finding, FindingKey> head) {
    Set<Finding> pairedBase = new HashSet<>();
    Set<Finding> pairedHead = new HashSet<>();
    for (UnaryOperator<FindingKey> tier : TIERS) {
      Map<FindingKey, Deque<Finding>> left = new HashMap<>();
      base.forEach((f, key) -> {
        if (!pairedBase.contains(f)) left.computeIfAbsent(tier.apply(key), k -> new ArrayDeque<>()).add(f);
      });
      head.forEach((f, key) -> {
        Deque<Finding> same = pairedHead.contains(f) ? null : left.get(tier.apply(key));
        if (same != null && !same.isEmpty()) {
          pairedBase.add(same.poll());
          pairedHead.add(f);
        }
      });
    }
    List<Finding> added = new ArrayList<>();
    List<Finding> unchanged = new ArrayList<>();
    for (Finding f : head.keySet()) (pairedHead.contains(f) ? unchanged : added).add(f);
    List<Finding> removed = new ArrayList<>();
    for (Finding f : base.keySet()) if (!pairedBase.contains(f)) removed.add(f);
    return new FindingDiff(added, unchanged, removed);
  }
}
