package org.mmapcheck.analyzer.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmapcheck.analyzer.engine.Finding;

/**
 * Two scans compared by {@link FindingKey}: what the head added, kept and lost. Findings are
 * paired one to one, first by the whole key, then what is left by rule, function and statement
 * (the exporters reaching a shared helper change as drivers come and go), then by rule and
 * function (the function still does what the rule reports, in other words). So a second
 * finding of a rule in a function that had one is new, and a rewritten one is not.
 */
public record FindingDiff(List<Finding> added, List<Finding> unchanged, List<Finding> removed) {

  /** Both maps in report order, each finding with its key (the base's with head paths). */
  public static FindingDiff of(Map<Finding, FindingKey> base, Map<Finding, FindingKey> head) {
    Map<Finding, Finding> pairs = pairs(base, head);
    List<Finding> added = new ArrayList<>();
    List<Finding> unchanged = new ArrayList<>();
    for (Finding f : head.keySet()) (pairs.containsKey(f) ? unchanged : added).add(f);
    Set<Finding> pairedBase = new HashSet<>(pairs.values());
    List<Finding> removed = new ArrayList<>();
    for (Finding f : base.keySet()) if (!pairedBase.contains(f)) removed.add(f);
    return new FindingDiff(added, unchanged, removed);
  }

  /** Head's findings paired with base's (head finding to base finding), as {@link #of} pairs them. */
  public static Map<Finding, Finding> pairs(Map<Finding, FindingKey> base, Map<Finding, FindingKey> head) {
    return pair(tiers(base), tiers(head));
  }

  /**
   * Pairs head's items with base's one to one, tier by tier ({@link FindingKey#tierFingerprints}):
   * each head item with the first base item left that has the same id at that tier.
   *
   * @return head item to its base item, for those paired
   */
  public static <B, H> Map<H, B> pair(Map<B, List<String>> base, Map<H, List<String>> head) {
    Map<H, B> pairs = new LinkedHashMap<>();
    Set<B> pairedBase = new HashSet<>();
    int tiers = base.values().stream().mapToInt(List::size).max().orElse(0);
    for (int tier = 0; tier < tiers; tier++) {
      Map<String, Deque<B>> left = new HashMap<>();
      for (Map.Entry<B, List<String>> e : base.entrySet())
        if (!pairedBase.contains(e.getKey()) && tier < e.getValue().size() && e.getValue().get(tier) != null)
          left.computeIfAbsent(e.getValue().get(tier), k -> new ArrayDeque<>()).add(e.getKey());
      for (Map.Entry<H, List<String>> e : head.entrySet()) {
        if (pairs.containsKey(e.getKey()) || tier >= e.getValue().size()) continue;
        Deque<B> same = left.get(e.getValue().get(tier));
        if (same != null && !same.isEmpty()) {
          B b = same.poll();
          pairedBase.add(b);
          pairs.put(e.getKey(), b);
        }
      }
    }
    return pairs;
  }

  private static Map<Finding, List<String>> tiers(Map<Finding, FindingKey> keys) {
    Map<Finding, List<String>> out = new LinkedHashMap<>();
    keys.forEach((f, key) -> out.put(f, key.tierFingerprints()));
    return out;
  }
}
