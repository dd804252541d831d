package org.mmapcheck.analyzer.engine;

/** Figures about one scan, for the benchmark and for users who ask. Reading includes listing. */
public record ScanStats(
    int filesRead,
    long bytesRead,
    int filesParsed,
    int parseFailures,
    int problemNodes,
    int functions,
    long readMillis,
    long parseMillis,
    long rulesMillis) {}
