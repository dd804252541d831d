package org.mmapcheck.analyzer.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmapcheck.analyzer.engine.KernelApi;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;
import org.mmapcheck.analyzer.model.VmaLength;

/**
 * How an exporter's mapping uses the page offset (vma->vm_pgoff), function by function on its
 * path; functions that say different things make it {@code depends(...)}. Moving the offset by the
 * DRM fake offset, or saving, zeroing and restoring it, picks no page: only a read that reaches a
 * mapping does.
 */
final class PgoffField {

  private PgoffField() {}

  static String of(ProgramModel model, int depth, MmapPath path, boolean shmemFile, KernelApi api) {
    Set<String> aware = api.names(Category.PGOFF_AWARE);
    Set<String> mapping = new HashSet<>(api.names(Category.MAP));
    mapping.addAll(api.names(Category.DMA_MMAP));
    Map<FunctionDef, List<MmapPath.Site>> byFunction = new LinkedHashMap<>();
    for (MmapPath.Site s : path.sites())
      if (!s.atFaultTime()) byFunction.computeIfAbsent(s.function(), k -> new ArrayList<>()).add(s);

    Verdicts v = new Verdicts();
    byFunction.forEach((f, sites) -> {
      boolean zeroes = false;
      boolean reads = false;
      boolean rejects = false;
      List<String> maps = new ArrayList<>();
      for (MmapPath.Site site : sites) {
        Step s = site.step();
        if (s instanceof Step.Store st && Expr.isField(st.target(), "vm_pgoff")) {
          if (st.op().equals("=") && st.value() instanceof Expr.Literal) zeroes = true;
          continue; // fake-offset adjustments and restores pick no page
        }
        if (s instanceof Step.Store st && Locals.savesToRestore(f, st, "vm_pgoff")) continue; // saved to be restored
        if (s instanceof Step.Condition c && VmaLength.comparedExactly(c, f)) rejects = true;
        if (s instanceof Step.CallStep c && mapping.contains(Expr.calleeName(c.call()))) {
          String callee = Expr.calleeName(c.call());
          maps.add(callee);
          if (aware.contains(callee) && c.call().args().stream().anyMatch(a -> VmaLength.is(a, f, c))) rejects = true;
        }
        if (shmemFile && Inventory.callsFileMmap(site)) v.add("at-fault", f.name());
        if (Expr.mentionsField(Step.expression(s), "vm_pgoff")) reads = true;
      }
      if (rejects) v.add("rejects-nonzero", f.name());
      else if (reads && !maps.isEmpty()) v.add("read", f.name());
      else if (!maps.isEmpty()) v.add(!zeroes && aware.containsAll(maps) ? "by-api" : "ignored", f.name());
      else if (reads) v.add("read", f.name());
    });

    // Pages that come at fault time come by the offset only where the fault handler, or what it
    // calls, reads it.
    Set<FunctionDef> callbacks = new LinkedHashSet<>();
    path.faultReach().values().forEach(chain -> callbacks.add(chain.calls().get(0)));
    for (FunctionDef callback : callbacks) {
      boolean reads = model.reachable(callback, depth, false, api.allNames()).keySet().stream()
          .flatMap(f -> f.steps().stream())
          .map(Step::expression)
          .anyMatch(e -> Expr.mentionsField(e, "pgoff") || Expr.mentionsField(e, "vm_pgoff"));
      v.add(reads ? "at-fault" : "ignored", callback.name());
    }
    return v.value("n/a", Set.of());
  }
}
