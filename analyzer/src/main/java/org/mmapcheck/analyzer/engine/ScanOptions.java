package org.mmapcheck.analyzer.engine;

/**
 * How a scan runs.
 *
 * @param jobs worker threads for reading and parsing
 * @param parseBudgetMillis wall-clock limit for parsing one file
 * @param maxParseBytes files larger than this are not parsed
 * @param callDepth how many calls deep the mmap path is followed
 */
public record ScanOptions(Profile profile, int jobs, long parseBudgetMillis, long maxParseBytes, int callDepth) {

  public static ScanOptions defaults(Profile profile) {
    return new ScanOptions(profile, Runtime.getRuntime().availableProcessors(), 10_000, 4L << 20, 4);
  }

  public ScanOptions withJobs(int n) {
    return new ScanOptions(profile, n, parseBudgetMillis, maxParseBytes, callDepth);
  }
}
