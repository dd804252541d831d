package org.mmapcheck.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mmapcheck.analyzer.engine.CpuAccessHook;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.PageProtection;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Callbacks;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Runs;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/noncoherent-mapping",
    summary = "cacheable user mapping of memory the device reaches by streaming DMA",
    severity = Severity.WARNING,
    severity2012 = Severity.ERROR,
    precision = Precision.MEDIUM,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "coherency", "contract"},
    clause = "2012: mappings are coherent; current: incoherent mappings need begin/end_cpu_access cache maintenance")
public final class NoncoherentMappingRule implements Rule {

  @Override
  public List<Callbacks> reads() {
    return List.of(
        new Callbacks(Exporters.TYPE, "map_dma_buf"),
        new Callbacks(Exporters.TYPE, CpuAccessHook.BEGIN.field()),
        new Callbacks(Exporters.TYPE, CpuAccessHook.END.field()));
  }

  @Override
  public void check(ProgramModel model, RuleContext context) {
    Set<String> mapping = context.api().names(Category.MAP);
    for (MmapPath path : context.mmapPaths()) {
      // Pages reach userspace through a map call, or from a fault handler that hands one back.
      List<MmapPath.Site> maps = new ArrayList<>(path.callsTo(mapping));
      maps.addAll(path.storesInto("page", true));
      if (maps.isEmpty() || everyRunUncached(model, path, context) || choosesProtectionAtFault(path, context)) continue;
      FunctionDef mapDmaBuf = model.handler(path.exporter(), "map_dma_buf");
      if (mapDmaBuf == null || !calls(model, context, mapDmaBuf, context.api().names(Category.STREAMING_DMA))) continue;

      String problem;
      if (context.profile() == Profile.ORIGINAL_2012) {
        problem = "the 2012 contract wants coherent mappings";
      } else {
        List<String> lacking = new ArrayList<>();
        for (CpuAccessHook hook : CpuAccessHook.values()) {
          FunctionDef f = model.handler(path.exporter(), hook.field());
          if (f == null) lacking.add("no ." + hook.field());
          else if (calls(model, context, f, hook.maintenance(context.api()))) continue;
          else if (calls(model, context, f, hook.wrongDirection(context.api())))
            lacking.add("." + hook.field() + " " + f.name() + "() syncs for " + hook.opposite().syncsFor()
                + " where it must sync for " + hook.syncsFor());
          else lacking.add("." + hook.field() + " " + f.name() + "() does no cache maintenance");
        }
        if (lacking.isEmpty()) continue;
        problem = "DMA_BUF_IOCTL_SYNC cannot make it coherent: " + String.join(", ", lacking);
      }
      MmapPath.Site first = maps.get(0);
      String call =
          first.step() instanceof Step.CallStep c ? Expr.calleeName(c.call()) + "()" : "vmf->page = ...";
      context.report(
          path.exporter().location(),
          path.exporter().name(),
          "exporter '" + path.exporter().name() + "' maps its buffer cacheable into userspace (" + call + " in "
              + first.function().name() + "()) while " + mapDmaBuf.name()
              + "() gives devices a streaming DMA mapping; " + problem,
          List.of(new Finding.Related(first.step().location(), call)),
          first.atFaultTime()
              ? Exporters.faultFlow(path, first, call)
              : Exporters.flow(path, first.function(), first.step().location(), call));
    }
  }

  /**
   * Whether every run of the mmap (see {@link Runs}) ends with an uncached or write-combined
   * protection: one that keeps the core's cacheable protection, or stores a fresh one last, is
   * a cacheable mapping, whatever another branch does.
   */
  private static boolean everyRunUncached(ProgramModel model, MmapPath path, RuleContext context) {
    Set<Runs.Run> runs = Runs.of(model, path, site -> {
      PageProtection stored = PageProtection.storedBy(site.step(), context.api());
      return stored == null ? null : stored.name();
    });
    return runs.stream().allMatch(run -> {
      String last = null;
      for (Runs.Effect e : run.effects()) if (!e.value().equals(Runs.UNRESOLVED)) last = e.value();
      return PageProtection.UNCACHED.name().equals(last);
    });
  }

  /**
   * Whether fault-time code picks the page protection itself (TTM's ttm_io_prot(), from where
   * the buffer sits at the fault): the caching then follows the buffer, which the rule cannot see.
   */
  private static boolean choosesProtectionAtFault(MmapPath path, RuleContext context) {
    Set<String> names = new java.util.HashSet<>(context.api().names(Category.PROT_CHOICE));
    names.addAll(context.api().names(Category.UNCACHED_PROT));
    return path.callsTo(names).stream().anyMatch(MmapPath.Site::atFaultTime);
  }

  private static boolean calls(ProgramModel model, RuleContext context, FunctionDef from, Set<String> names) {
    return ProgramModel.callsAny(context.reach(model, from).keySet(), names);
  }
}
