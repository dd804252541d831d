package org.mmapcheck.analyzer.engine;

/** Figures about one scan, for the benchmark and for users who ask. */
public record ScanStats(
    int filesListed,
    int filesRead,
    long bytesRead,
    int filesParsed,
    int parseFailures,
    int problemNodes,
    int functions,
    long listMillis,
    long readMillis,
    long parseMillis,
    long rulesMillis) {}
