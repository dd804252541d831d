package org.mmapcheck.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Callbacks;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/importer-mmap-bypass",
    summary = "GEM mmap maps imported dma-bufs itself instead of forwarding to dma_buf_mmap()",
    severity = Severity.WARNING,
    severity2012 = Severity.ERROR,
    precision = Precision.MEDIUM,
    tags = {"dma-buf", "mmap", "importer", "contract"},
    clause = "importers map an imported buffer through dma_buf_mmap()")
public final class ImporterMmapBypassRule implements Rule {

  private static final Callbacks GEM_MMAP = new Callbacks("drm_gem_object_funcs", "mmap");

  @Override
  public List<Callbacks> reads() {
    return List.of(GEM_MMAP);
  }

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (OpsTable funcs : model.opsTables(GEM_MMAP.type())) {
      FunctionDef mmap = model.handler(funcs, GEM_MMAP.field());
      if (mmap == null) continue;
      Step.Condition importCheck = importCheck(mmap);
      if (importCheck == null) continue;
      Map<FunctionDef, List<FunctionDef>> reach = context.reach(model, mmap);
      if (ProgramModel.callsAny(reach.keySet(), List.of("dma_buf_mmap"))) {
        checkForwardResets(mmap, funcs, context);
        continue;
      }
      boolean installs = reach.keySet().stream().anyMatch(ImporterMmapBypassRule::installsVmOps);
      boolean maps =
          ProgramModel.callsAny(reach.keySet(), context.api().names(Category.MAP))
              || ProgramModel.callsAny(reach.keySet(), context.api().names(Category.DMA_MMAP));
      if (!maps && !installs) continue;
      context.report(
          importCheck.location(),
          mmap.name(),
          "GEM mmap " + mmap.name() + "() tells imported objects apart but maps them itself"
              + (installs ? " (or hooks their faults)" : "") + ": an importer must forward to dma_buf_mmap(),"
              + " so the exporter's mmap and coherency rules apply",
          List.of(new Finding.Related(funcs.location(), "GEM funcs " + funcs.name())),
          List.of());
    }
  }

  /**
   * A forward in the callback itself must first clear what drm_gem_mmap_obj() put on the vma
   * before calling {@code .mmap} (the GEM object in vm_private_data, the GEM funcs' vm_ops): an
   * exporter that sets neither would leave the importer's fault and close handlers on its mapping,
   * and its own handlers could find the GEM object as their private data. Stores are read in
   * source order, without branches: the last store before the call decides.
   */
  private static void checkForwardResets(FunctionDef mmap, OpsTable funcs, RuleContext context) {
    List<Step> steps = mmap.steps();
    int forward = -1;
    for (int i = 0; i < steps.size() && forward < 0; i++)
      if (steps.get(i) instanceof Step.CallStep c && "dma_buf_mmap".equals(Expr.calleeName(c.call()))) forward = i;
    if (forward < 0) return;
    List<String> left = new ArrayList<>();
    for (String field : VMA_STATE) {
      boolean cleared = false;
      for (int i = 0; i < forward; i++)
        if (steps.get(i) instanceof Step.Store st && Expr.isField(st.target(), field)) cleared = isNull(st.value());
      if (!cleared) left.add(field);
    }
    if (left.isEmpty()) return;
    context.report(
        steps.get(forward).location(),
        mmap.name(),
        "GEM mmap " + mmap.name() + "() forwards an imported object to dma_buf_mmap() but leaves its own "
            + String.join(" and ", left) + " on the vma (drm_gem_mmap_obj() set them before .mmap): the exporter's"
            + " handlers would find the importer's; set them to NULL before forwarding",
        List.of(new Finding.Related(funcs.location(), "GEM funcs " + funcs.name())),
        List.of());
  }

  /** What drm_gem_mmap_obj() puts on the vma before it calls the GEM object's .mmap. */
  private static final List<String> VMA_STATE = List.of("vm_private_data", "vm_ops");


  private static boolean isNull(Expr value) {
    String v = Expr.strip(value).text();
    return v.equals("NULL") || v.equals("0") || v.equals("((void *)0)");
  }

  /**
   * A condition in the mmap callback itself on the object's import_attach, unless what follows it
   * is a return of an error: that refuses imported objects rather than mapping them.
   */
  private static Step.Condition importCheck(FunctionDef f) {
    List<Step> steps = f.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (!(steps.get(i) instanceof Step.Condition c) || !Expr.mentionsField(c.condition(), "import_attach")) continue;
      boolean refuses =
          i + 1 < steps.size()
              && steps.get(i + 1) instanceof Step.Return r
              && r.value() instanceof Expr.Unary u
              && u.op().equals("-");
      if (!refuses) return c;
    }
    return null;
  }

  private static boolean installsVmOps(FunctionDef f) {
    return f.steps().stream()
        .anyMatch(s -> s instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals("vm_ops"));
  }
}
