package org.mmapcheck.analyzer.engine;

/** How serious a finding is; the names are SARIF's levels. */
public enum Severity {
  NOTE,
  WARNING,
  ERROR;

  public String sarifLevel() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
