package org.mmapcheck.analyzer.engine;

/** A finding that an {@code mmapcheck-ignore} comment silences: kept for SARIF, left out elsewhere. */
public record SuppressedFinding(Finding finding, Suppression suppression) {}
