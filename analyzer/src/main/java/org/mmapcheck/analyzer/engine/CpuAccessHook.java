package org.mmapcheck.analyzer.engine;

import java.util.HashSet;
import java.util.Set;
import org.mmapcheck.analyzer.engine.KernelApi.Category;

/**
 * An exporter's CPU-access bracket, and the cache maintenance each end of it owes: begin makes
 * the CPU's view current (sync for the CPU, invalidate), end hands the memory back to the device
 * (sync for the device, write back).
 */
public enum CpuAccessHook {
  BEGIN("begin_cpu_access", Category.CACHE_FOR_CPU),
  END("end_cpu_access", Category.CACHE_FOR_DEVICE);

  private final String field;
  private final Category own;

  CpuAccessHook(String field, Category own) {
    this.field = field;
    this.own = own;
  }

  /** The {@code struct dma_buf_ops} field that holds the hook. */
  public String field() {
    return field;
  }

  /** The calls that do this hook's maintenance: its own direction, or both at once (clflush). */
  public Set<String> maintenance(KernelApi api) {
    Set<String> names = new HashSet<>(api.names(own));
    names.addAll(api.names(Category.CACHE_MAINTENANCE));
    return names;
  }

  /** The calls that sync only the other way: for the device in begin, for the CPU in end. */
  public Set<String> wrongDirection(KernelApi api) {
    return api.names(opposite().own);
  }

  /** Whom this hook syncs for, as a message says it: "the CPU" or "the device". */
  public String syncsFor() {
    return this == BEGIN ? "the CPU" : "the device";
  }

  /** The other end of the bracket. */
  public CpuAccessHook opposite() {
    return this == BEGIN ? END : BEGIN;
  }
}
