package org.mmapcheck.analyzer.report;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the paths of one mmap say about one profile field, each value with the functions that say
 * it; one value is the field's value, several make it {@code depends(...)}, naming them.
 */
final class Verdicts {

  private final Map<String, Set<String>> where = new LinkedHashMap<>();

  void add(String value, String function) {
    where.computeIfAbsent(value, k -> new LinkedHashSet<>()).add(function);
  }

  boolean isEmpty() {
    return where.isEmpty();
  }

  /**
   * The one value, {@code whenNone} if none, else {@code depends(value in f, g; value in h)};
   * {@code partial} values (made on some runs only) always say depends.
   */
  String value(String whenNone, Set<String> partial) {
    if (where.isEmpty()) return whenNone;
    String only = where.keySet().iterator().next();
    if (where.size() == 1 && !partial.contains(only)) return only;
    return "depends("
        + where.entrySet().stream()
            .map(e -> e.getKey() + " in " + String.join(", ", e.getValue()))
            .collect(Collectors.joining("; "))
        + ")";
  }
}
