package org.mmapcheck.analyzer.engine;

/** Whether a rule's findings are single places or carry the call chain that reaches them. */
public enum Kind {
  PROBLEM,
  PATH;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
