package org.mmapcheck.analyzer.report;

import java.util.HashSet;
import java.util.Set;
import org.mmapcheck.analyzer.engine.KernelApi;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.PageProtection;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Runs;
import org.mmapcheck.analyzer.model.Step;

/**
 * The caching of an exporter's user mapping, run by run (see {@link Runs}): the last thing a run
 * does to the page protection decides it, so a protection chosen on one branch (an object flag)
 * and kept on the other shows as {@code depends(...)}, naming the function of each answer.
 */
final class CachingField {

  /** A protection built at fault time (TTM's ttm_io_prot()) follows the buffer, fault by fault. */
  static final String PER_FAULT = "per-fault";

  private static final String DMA_API = "dma-api";
  private static final String UNCACHED = PageProtection.UNCACHED.label();

  private CachingField() {}

  static String of(ProgramModel model, MmapPath path, boolean shmemFile, KernelApi api) {
    Set<String> chosen = new HashSet<>(api.names(Category.UNCACHED_PROT));
    chosen.addAll(api.names(Category.PROT_CHOICE));
    Verdicts v = new Verdicts();
    for (MmapPath.Site site : path.sites()) {
      if (site.atFaultTime() && callsAny(Step.expression(site.step()), chosen)) v.add(PER_FAULT, site.function().name());
    }
    boolean perFault = !v.isEmpty();
    for (Runs.Run run : Runs.of(model, path, site -> effect(site, shmemFile, api))) {
      Runs.Effect last = null;
      for (Runs.Effect e : run.effects()) {
        // The DMA API keeps a coherent device's protection and makes it uncached otherwise.
        boolean keptUncached = e.value().equals(DMA_API) && last != null && last.value().equals(UNCACHED);
        if (!keptUncached) last = e;
      }
      if (last != null) v.add(last.value(), last.function().name());
      // The core hands the vma over cacheable: kept unless something changes it, here or at fault time.
      else if (!perFault) v.add(PageProtection.CACHEABLE.label(), run.where().name());
    }
    return v.value(PageProtection.CACHEABLE.label(), Set.of(PER_FAULT));
  }

  /** What a step at mmap time does to the caching: a DMA API mmap, the shmem file's, or a protection. */
  private static String effect(MmapPath.Site site, boolean shmemFile, KernelApi api) {
    if (site.step() instanceof Step.CallStep c && api.names(Category.DMA_MMAP).contains(Expr.calleeName(c.call())))
      return DMA_API;
    if (shmemFile && Inventory.callsFileMmap(site)) return PageProtection.CACHEABLE.label();
    PageProtection stored = PageProtection.givenBy(site.function(), site.step(), api);
    return stored == null ? null : stored.label();
  }

  private static boolean callsAny(Expr e, Set<String> names) {
    return Expr.all(e).stream().anyMatch(x -> x instanceof Expr.Call c && names.contains(Expr.calleeName(c)));
  }
}
