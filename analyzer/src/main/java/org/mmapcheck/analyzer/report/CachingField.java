package org.mmapcheck.analyzer.report;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private static final String CACHEABLE = PageProtection.CACHEABLE.label();

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
      // What the protection may be, each with the function that made it so; none: as the core handed it over.
      Map<String, String> may = new LinkedHashMap<>();
      for (Runs.Effect e : run.effects()) may = after(may, e);
      if (!may.isEmpty()) may.forEach(v::add);
      // The core hands the vma over cacheable: kept unless something changes it, here or at fault time.
      else if (!perFault) v.add(CACHEABLE, run.where().name());
    }
    return v.value(CACHEABLE, Set.of(PER_FAULT));
  }

  private static Map<String, String> after(Map<String, String> may, Runs.Effect e) {
    String function = e.function().name();
    Map<String, String> next = new LinkedHashMap<>();
    Set<PageProtection> given = PageProtection.parse(e.value());
    if (e.value().equals(DMA_API)) {
      // The DMA API keeps a coherent device's protection and makes it uncached otherwise.
      if (may.containsKey(UNCACHED)) next.put(UNCACHED, may.get(UNCACHED));
      if (may.size() > next.size() || may.isEmpty()) next.put(DMA_API, function);
    } else if (given == null) {
      next.put(e.value(), function);
    } else {
      for (PageProtection p : given) {
        if (p != PageProtection.KEPT) next.putIfAbsent(p.label(), function);
        else if (may.isEmpty()) next.putIfAbsent(CACHEABLE, function);
        else may.forEach(next::putIfAbsent);
      }
    }
    return next;
  }

  /** What a step at mmap time does to the caching: a DMA API mmap, the shmem file's, or a protection. */
  private static String effect(MmapPath.Site site, boolean shmemFile, KernelApi api) {
    if (site.step() instanceof Step.CallStep c && api.names(Category.DMA_MMAP).contains(Expr.calleeName(c.call())))
      return DMA_API;
    if (shmemFile && Inventory.callsFileMmap(site)) return CACHEABLE;
    Set<PageProtection> given = PageProtection.givenBy(site.function(), site.step(), api);
    return given == null ? null : PageProtection.label(given);
  }

  private static boolean callsAny(Expr e, Set<String> names) {
    return Expr.all(e).stream().anyMatch(x -> x instanceof Expr.Call c && names.contains(Expr.calleeName(c)));
  }
}
