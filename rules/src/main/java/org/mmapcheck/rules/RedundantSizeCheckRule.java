package org.mmapcheck.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/redundant-size-check",
    summary = "dma-buf mmap re-checks the vma size the core already checked",
    severity = Severity.NOTE,
    severity2012 = Severity.NOTE,
    precision = Precision.HIGH,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "maintainability"},
    clause = "the dma-buf core checks whether a vma is too large")
public final class RedundantSizeCheckRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    Set<FunctionDef> dmaBufCode = new HashSet<>();
    for (MmapPath path : context.mmapPaths()) dmaBufCode.addAll(path.reach().keySet());
    for (MmapPath path : context.mmapPaths()) {
      for (MmapPath.Site site : path.sites()) {
        if (site.atFaultTime() || !(site.step() instanceof Step.Condition c) || !checksVmaSize(site.function(), c)) continue;
        if (servesOtherMappings(model, site.function(), path, dmaBufCode)) continue;
        context.report(
            c.location(),
            site.function().name(),
            "mmap compares the vma size with the buffer: the dma-buf core already rejects a vma larger than the buffer, whose size never changes",
            List.of(Exporters.related(path.exporter())),
            Exporters.flow(path, site.function(), c.location(), c.condition().text()));
      }
    }
  }

  /**
   * Whether the function may also serve a mapping the dma-buf core did not check, where the
   * check is needed: a non-static helper can be called from anywhere (drm_gem_mmap_obj serves
   * the DRM device file too); a static one, from code of its file that no dma-buf mmap reaches.
   */
  private static boolean servesOtherMappings(
      ProgramModel model, FunctionDef f, MmapPath path, Set<FunctionDef> dmaBufCode) {
    if (f.equals(path.handler())) return false;
    if (!f.isStatic()) return true;
    for (FileModel file : model.files()) {
      if (!file.path().equals(f.file())) continue;
      for (FunctionDef other : file.functions()) {
        if (dmaBufCode.contains(other)) continue;
        for (Step s : other.steps())
          for (Expr x : Expr.all(Step.expression(s)))
            if (x instanceof Expr.Name n && n.name().equals(f.name())) return true;
      }
    }
    return false;
  }

  /**
   * A comparison that holds the vma's size (vm_end - vm_start or vma_pages(vma), written there or
   * held in a local: {@code size = vma->vm_end - vma->vm_start; if (size > b->size)}) under a
   * bound, as the core does: {@code size > bound}, {@code bound < size}, or the same the other
   * way round for the branch that maps ({@code size <= bound}). An exact comparison ({@code size
   * != bound}) refuses a smaller vma too, which the core allows: it is no repeat of the core's.
   */
  private static boolean checksVmaSize(FunctionDef f, Step.Condition c) {
    for (Expr x : Expr.all(c.condition())) {
      if (!(x instanceof Expr.Binary b) || !ORDERINGS.contains(b.op())) continue;
      boolean left = Locals.mayCarry(f, c, b.left(), RedundantSizeCheckRule::isVmaSize);
      boolean right = Locals.mayCarry(f, c, b.right(), RedundantSizeCheckRule::isVmaSize);
      if (left != right && List.of(">", "<=").contains(left ? b.op() : Expr.mirrored(b.op()))) return true;
    }
    return false;
  }

  /** The comparisons that can bound a size; told first, as a long chain of && has many other nodes. */
  private static final Set<String> ORDERINGS = Set.of(">", "<", ">=", "<=");

  private static boolean isVmaSize(Expr e) {
    boolean span = e instanceof Expr.Binary && Expr.mentionsField(e, "vm_end") && Expr.mentionsField(e, "vm_start");
    return span || e instanceof Expr.Call k && "vma_pages".equals(Expr.calleeName(k));
  }
}
