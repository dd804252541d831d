package org.mmapcheck.rules;

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
      if (ProgramModel.callsAny(reach.keySet(), List.of("dma_buf_mmap"))) continue;
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
