package org.mmapcheck.analyzer.engine;

/**
 * How a scan runs.
 *
 * @param jobs worker threads for reading and parsing
 * @param parseBudgetMillis wall-clock limit for parsing one file
 * @param maxParseBytes files larger than this are not parsed
 * @param callDepth how many calls deep the mmap path is followed
 * @param api the kernel functions rules know by what they do
 */
public record ScanOptions(
    Profile profile, int jobs, long parseBudgetMillis, long maxParseBytes, int callDepth, KernelApi api) {

  public static ScanOptions defaults(Profile profile) {
    return new ScanOptions(
        profile, Runtime.getRuntime().availableProcessors(), 10_000, 4L << 20, 4, KernelApi.builtin());
  }

  public ScanOptions withJobs(int n) {
    return new ScanOptions(profile, n, parseBudgetMillis, maxParseBytes, callDepth, api);
  }

  public ScanOptions withApi(KernelApi a) {
    return new ScanOptions(profile, jobs, parseBudgetMillis, maxParseBytes, callDepth, a);
  }
}
