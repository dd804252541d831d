package org.mmapcheck.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;
import org.mmapcheck.analyzer.model.VmaLength;

@RuleInfo(
    id = "dmabuf/pgoff-ignored",
    summary = "dma-buf mmap maps from the start of the buffer whatever the offset asked",
    severity = Severity.WARNING,
    severity2012 = Severity.WARNING,
    precision = Precision.MEDIUM,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "contract"},
    clause = "dma_buf_mmap() passes the page offset in vma->vm_pgoff")
public final class PgoffIgnoredRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    Set<String> fakeOffset = context.api().names(Category.FAKE_OFFSET);
    Set<String> aware = context.api().names(Category.PGOFF_AWARE);
    Set<String> mapping = new HashSet<>(context.api().names(Category.MAP));
    mapping.addAll(context.api().names(Category.DMA_MMAP));
    Map<FunctionDef, Boolean> minds = new HashMap<>();
    for (MmapPath path : context.mmapPaths()) {
      Set<FunctionDef> reported = new HashSet<>();
      // At mmap time: the first mapping call of each function whose chain never minds the offset.
      for (MmapPath.Site site : path.callsTo(mapping)) {
        if (site.atFaultTime() || reported.contains(site.function())) continue;
        if (site.chain().stream().anyMatch(f -> minds.computeIfAbsent(f, g -> mindsOffset(g, fakeOffset)))) continue;
        String call = Expr.calleeName(((Step.CallStep) site.step()).call());
        boolean zeroed = zeroedBefore(site.function(), site.step());
        if (!zeroed && aware.contains(call)) continue;
        reported.add(site.function());
        context.report(
            site.step().location(),
            site.function().name(),
            zeroed
                ? "mmap sets vma->vm_pgoff to 0 before " + call + "(), which then maps from the start of the buffer"
                    + " whatever the offset asked"
                : "mmap maps the buffer with " + call + "() but never reads vma->vm_pgoff: a mapping at a non-zero"
                    + " offset gets the start of the buffer",
            List.of(Exporters.related(path.exporter())),
            Exporters.flow(path, site.function(), site.step().location(), call + "()"));
      }
      // At fault time: the first page of each function picked by the fault address's distance
      // from vm_start, unless the mmap code that installed the handler refuses any offset but 0.
      for (MmapPath.Site site : path.sites()) {
        if (!site.atFaultTime() || reported.contains(site.function())) continue;
        Expr index = lostIndex(site.function(), site.step());
        if (index == null) continue;
        MmapPath.FaultChain fc = path.faultReach().get(site.function());
        if (path.reach().get(fc.install().function()).stream()
            .anyMatch(f -> minds.computeIfAbsent(f, g -> mindsOffset(g, fakeOffset)))) continue;
        reported.add(site.function());
        context.report(
            site.step().location(),
            site.function().name(),
            "fault handler picks the page by " + index.text() + ", the fault address's distance from vm_start,"
                + " instead of vmf->pgoff: a dma-buf mapping at a non-zero offset gets the start of the buffer",
            List.of(Exporters.related(path.exporter())),
            Exporters.faultFlow(path, site, index.text()));
      }
    }
  }

  /**
   * Whether the function minds the offset: reads vma->vm_pgoff for what it is (moving it by the
   * DRM fake offset, saving, zeroing or restoring it picks no page), or refuses any offset but 0
   * by holding the vma's length to the buffer's.
   */
  private static boolean mindsOffset(FunctionDef f, Set<String> fakeOffset) {
    for (Step s : f.steps()) {
      if (s instanceof Step.Condition c && VmaLength.comparedExactly(c, f)) return true;
      if (!Expr.mentionsField(Step.expression(s), "vm_pgoff") || PgoffFakeOffsetRule.movesPgoff(s, fakeOffset) != 0)
        continue;
      if (s instanceof Step.Store st) {
        Expr value = Expr.strip(st.value());
        if (Locals.savesToRestore(f, st, "vm_pgoff")) continue; // saved
        if (Expr.isField(st.target(), "vm_pgoff") && st.op().equals("=")
            && (value instanceof Expr.Literal || value instanceof Expr.Name)) continue; // zeroed or restored
      }
      return true;
    }
    return false;
  }

  /** Whether vma->vm_pgoff holds 0 where the step runs: set to a literal 0 before it, not yet restored. */
  private static boolean zeroedBefore(FunctionDef f, Step at) {
    boolean zero = false;
    for (Step s : f.steps()) {
      if (s == at) return zero;
      if (s instanceof Step.Store st && Expr.isField(st.target(), "vm_pgoff"))
        zero = st.op().equals("=") && Expr.strip(st.value()) instanceof Expr.Literal l && l.text().equals("0");
    }
    return false;
  }

  /**
   * The page number the step of a fault-time function takes from the fault address ({@code
   * (vmf->address - vma->vm_start) >> PAGE_SHIFT}, or divided by the page size; the address and
   * the distance may come through locals, {@link Locals}), or null: also null when the step, or
   * another that uses the local it stores, reads the offset too ({@code page += vma->vm_pgoff}).
   */
  private static Expr lostIndex(FunctionDef f, Step step) {
    Expr whole = Step.expression(step);
    Expr index = null;
    for (Expr x : Expr.all(whole))
      if (x instanceof Expr.Binary b && (b.op().equals(">>") || b.op().equals("/")) && isDistance(f, step, b.left())) {
        index = x;
        break;
      }
    if (index == null || mentionsOffset(whole)) return null;
    if (step instanceof Step.Store st && st.target() instanceof Expr.Name n)
      for (Step s : f.steps())
        if (s != step && mentionsOffset(Step.expression(s)) && Expr.mentionsName(Step.expression(s), n.name())) return null;
    return index;
  }

  /** Whether the value, or one a local there may hold, is the fault address's distance from vm_start. */
  private static boolean isDistance(FunctionDef f, Step at, Expr e) {
    return Locals.valuesAt(f, at, e).stream()
        .map(Expr::strip)
        .anyMatch(v -> v instanceof Expr.Binary b && b.op().equals("-") && Expr.isField(b.right(), "vm_start")
            && Locals.valuesAt(f, at, b.left()).stream().anyMatch(a -> Expr.mentionsField(a, "address")));
  }

  private static boolean mentionsOffset(Expr e) {
    return Expr.mentionsField(e, "pgoff") || Expr.mentionsField(e, "vm_pgoff");
  }
}
