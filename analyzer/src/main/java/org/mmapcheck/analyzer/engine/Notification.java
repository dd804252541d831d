package org.mmapcheck.analyzer.engine;

/** Something the tool could not do, for one file or for one rule: reported, never fatal. */
public record Notification(Severity level, String file, String message, String ruleId) {}
