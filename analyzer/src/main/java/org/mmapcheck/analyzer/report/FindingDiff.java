package org.mmapcheck.analyzer.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.engine.Finding;

/**
 * Two scans compared by {@link FindingKey}: what the head added, kept and lost. Keys are counted,
 * so a second copy of a finding the base had once is new.
 */
public record FindingDiff(List<Finding> added, List<Finding> unchanged, List<Finding> removed) {

  /** Both maps in report order, each finding with its key (the base's with head paths). */
  public static FindingDiff of(Map<Finding, FindingKey> base, Map<Finding, FindingKey> head) {
    Map<FindingKey, Integer> left = count(base);
    List<Finding> added = new ArrayList<>();
    List<Finding> unchanged = new ArrayList<>();
    head.forEach((f, key) -> (take(left, key) ? unchanged : added).add(f));
    Map<FindingKey, Integer> right = count(head);
    List<Finding> removed = new ArrayList<>();
    base.forEach((f, key) -> {
      if (!take(right, key)) removed.add(f);
    });
    return new FindingDiff(added, unchanged, removed);
  }

  private static Map<FindingKey, Integer> count(Map<Finding, FindingKey> keys) {
    Map<FindingKey, Integer> counts = new HashMap<>();
    for (FindingKey k : keys.values()) counts.merge(k, 1, Integer::sum);
    return counts;
  }

  private static boolean take(Map<FindingKey, Integer> counts, FindingKey key) {
    Integer n = counts.get(key);
    if (n == null || n == 0) return false;
    counts.put(key, n - 1);
    return true;
  }
}
