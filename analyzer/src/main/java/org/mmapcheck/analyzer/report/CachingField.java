package org.mmapcheck.analyzer.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmapcheck.analyzer.engine.KernelApi;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.Step;

/**
 * The caching of an exporter's user mapping, from everything its path does to the page
 * protection. The model keeps no branches, so protections chosen on different paths (an object
 * flag, a buffer's placement at fault time) show as {@code depends(...)} naming where each is made.
 */
final class CachingField {

  /** A protection built at fault time (TTM's ttm_io_prot()) follows the buffer, fault by fault. */
  static final String PER_FAULT = "per-fault";

  private CachingField() {}

  static String of(MmapPath path, boolean shmemFile, KernelApi api) {
    Set<String> uncached = api.names(Category.UNCACHED_PROT);
    Set<String> chosen = new HashSet<>(uncached);
    chosen.addAll(api.names(Category.PROT_CHOICE));
    Verdicts v = new Verdicts();
    Map<FunctionDef, List<Step>> protSteps = new LinkedHashMap<>();
    for (MmapPath.Site site : path.sites()) {
      String fn = site.function().name();
      if (site.atFaultTime()) {
        if (callsAny(Step.expression(site.step()), chosen)) v.add(PER_FAULT, fn);
        continue;
      }
      if (site.step() instanceof Step.CallStep c && api.names(Category.DMA_MMAP).contains(Expr.calleeName(c.call())))
        v.add("dma-api", fn);
      if (shmemFile && Inventory.callsFileMmap(site)) v.add("cacheable", fn);
      if (site.step() instanceof Step.Condition || protStore(site.step()) != null)
        protSteps.computeIfAbsent(site.function(), k -> new ArrayList<>()).add(site.step());
    }
    protSteps.forEach((f, steps) -> {
      // A store right after another, with no condition between, replaces it.
      List<String> made = new ArrayList<>();
      boolean branched = false;
      for (Step s : steps) {
        Step.Store store = protStore(s);
        if (store == null) {
          branched = true;
          continue;
        }
        String value = callsAny(store.value(), uncached) ? "uncached"
            // A fresh protection (vm_get_page_prot(vma->vm_flags)) keeps nothing of the old one.
            : !Expr.mentionsField(store.value(), "vm_page_prot") ? "cacheable"
            : null;
        if (value == null) continue;
        if (!branched && !made.isEmpty()) made.remove(made.size() - 1);
        made.add(value);
        branched = false;
      }
      made.forEach(value -> v.add(value, f.name()));
    });
    // The core hands the vma over with a cacheable protection: kept unless something changes it.
    return v.value("cacheable", Set.of(PER_FAULT));
  }

  private static Step.Store protStore(Step s) {
    return s instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals("vm_page_prot")
        ? st : null;
  }

  private static boolean callsAny(Expr e, Set<String> names) {
    return Expr.all(e).stream().anyMatch(x -> x instanceof Expr.Call c && names.contains(Expr.calleeName(c)));
  }
}
