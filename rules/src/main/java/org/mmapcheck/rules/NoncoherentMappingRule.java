package org.mmapcheck.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
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
        new Callbacks(Exporters.TYPE, "attach"),
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
      maps.addAll(noncoherentDmaMaps(path, context));
      if (maps.isEmpty() || everyRunUncached(model, path, context) || choosesProtectionAtFault(path, context)) continue;
      FunctionDef streaming = streamingCallback(model, context, path);
      // Zapping the user ptes when the device takes the pages fakes coherency, as the contract
      // allows: the next CPU access faults and takes them back. zap-without-own-file checks the zap.
      if (streaming == null || calls(model, context, streaming, context.api().names(Category.ZAP))) continue;

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
              + first.function().name() + "()) while " + streaming.name()
              + "() gives devices a streaming DMA mapping; " + problem,
          List.of(new Finding.Related(first.step().location(), call)),
          first.atFaultTime()
              ? Exporters.faultFlow(path, first, call)
              : Exporters.flow(path, first.function(), first.step().location(), call));
    }
  }

  /**
   * The DMA API's mmap of memory allocated non-coherent: dma_mmap_pages() and
   * dma_mmap_noncontiguous(), and dma_mmap_attrs() given a non-coherent attribute in its
   * arguments. Each maps with the vma's protection, so cacheable; the other dma_mmap_*() calls
   * map coherent memory with the protection its allocation chose.
   */
  private static List<MmapPath.Site> noncoherentDmaMaps(MmapPath path, RuleContext context) {
    Set<String> attrs = context.api().names(Category.NONCOHERENT_DMA_ATTR);
    List<MmapPath.Site> out = new ArrayList<>(path.callsTo(context.api().names(Category.NONCOHERENT_DMA_MMAP)));
    for (MmapPath.Site site : path.callsTo(context.api().names(Category.DMA_MMAP))) {
      Step.CallStep c = (Step.CallStep) site.step();
      if (c.call().args().stream().flatMap(a -> Expr.all(a).stream())
          .anyMatch(x -> x instanceof Expr.Name n && attrs.contains(n.name()))) out.add(site);
    }
    return out;
  }

  /**
   * The callback that gives importing devices a streaming DMA mapping: map_dma_buf, when it maps
   * the memory for them (dma_map_*()) or maintains the caches for them, as an exporter does that
   * hands out an sg table it mapped before and syncs it on each map
   * ({@code dma_sync_sgtable_for_device()}); else attach, when it maps the memory for the
   * attachment that map_dma_buf then hands out. Null when neither does.
   */
  private static FunctionDef streamingCallback(ProgramModel model, RuleContext context, MmapPath path) {
    Set<String> mapping = context.api().names(Category.STREAMING_DMA);
    Set<String> syncing = new HashSet<>(mapping);
    syncing.addAll(context.api().names(Category.CACHE_FOR_DEVICE));
    syncing.addAll(context.api().names(Category.CACHE_FOR_CPU));
    syncing.addAll(context.api().names(Category.CACHE_MAINTENANCE));
    FunctionDef map = model.handler(path.exporter(), "map_dma_buf");
    if (map == null) return null;
    if (calls(model, context, map, syncing)) return map;
    FunctionDef attach = model.handler(path.exporter(), "attach");
    return attach != null && calls(model, context, attach, mapping) ? attach : null;
  }

  /**
   * Whether every run of the mmap (see {@link Runs}) ends with an uncached or write-combined
   * protection: one that keeps the core's cacheable protection, or stores a fresh one last, is
   * a cacheable mapping, whatever another branch does.
   */
  private static boolean everyRunUncached(ProgramModel model, MmapPath path, RuleContext context) {
    Set<Runs.Run> runs = Runs.of(model, path, site -> {
      Set<PageProtection> given = PageProtection.givenBy(site.function(), site.step(), context.api());
      return given == null ? null : PageProtection.label(given);
    });
    return runs.stream().allMatch(run -> {
      Set<PageProtection> may = EnumSet.of(PageProtection.CACHEABLE); // as the core hands the vma over
      for (Runs.Effect e : run.effects())
        if (!e.value().equals(Runs.UNRESOLVED)) may = PageProtection.after(may, PageProtection.parse(e.value()));
      return may.equals(EnumSet.of(PageProtection.UNCACHED));
    });
  }

  /**
   * Whether fault-time code picks the page protection itself (TTM's ttm_io_prot(), from where
   * the buffer sits at the fault): the caching then follows the buffer, which the rule cannot see.
   */
  private static boolean choosesProtectionAtFault(MmapPath path, RuleContext context) {
    Set<String> names = new HashSet<>(context.api().names(Category.PROT_CHOICE));
    names.addAll(context.api().names(Category.UNCACHED_PROT));
    return path.callsTo(names).stream().anyMatch(MmapPath.Site::atFaultTime);
  }

  private static boolean calls(ProgramModel model, RuleContext context, FunctionDef from, Set<String> names) {
    return ProgramModel.callsAny(context.reach(model, from).keySet(), names);
  }
}
