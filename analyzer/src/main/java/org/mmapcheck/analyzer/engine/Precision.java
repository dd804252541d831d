package org.mmapcheck.analyzer.engine;

/** How often a finding of a rule is true, as CodeQL's {@code @precision} keeps it. */
public enum Precision {
  LOW,
  MEDIUM,
  HIGH,
  VERY_HIGH;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
