package org.mmapcheck.rules;

import java.util.List;
import java.util.Set;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/pgoff-fake-offset",
    summary = "dma-buf mmap takes the DRM fake offset off a vm_pgoff that never carried it",
    severity = Severity.ERROR,
    severity2012 = Severity.ERROR,
    precision = Precision.MEDIUM,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "drm", "contract"},
    clause = "exporters adjust vma->vm_pgoff for the file they set in vma->vm_file")
public final class PgoffFakeOffsetRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    Set<String> fakeOffset = context.api().names(Category.FAKE_OFFSET);
    for (MmapPath path : context.mmapPaths()) {
      List<MmapPath.Site> stores =
          path.sites().stream().filter(s -> !s.atFaultTime() && movesPgoff(s.step(), fakeOffset) != 0).toList();
      if (stores.stream().anyMatch(s -> movesPgoff(s.step(), fakeOffset) > 0)) continue;
      for (MmapPath.Site site : stores) {
        Step.Store store = (Step.Store) site.step();
        context.report(
            store.location(),
            site.function().name(),
            "mmap takes the DRM fake offset off vma->vm_pgoff, but exporter '" + path.exporter().name()
                + "' hands on the offset into the dma-buf, which never carried it: vm_pgoff underflows, so"
                + " faults that use it miss and zaps of the object's pages in its file never reach this mapping",
            List.of(Exporters.related(path.exporter())),
            Exporters.flow(path, site.function(), store.location(), store.target().text() + " " + store.op() + " ..."));
      }
    }
  }

  /**
   * +1 for a store that adds the fake offset to vma->vm_pgoff ({@code vm_pgoff += drm_vma_node_start(...)}),
   * -1 for one that takes it off, 0 for anything else.
   */
  static int movesPgoff(Step step, Set<String> fakeOffset) {
    if (!(step instanceof Step.Store st) || !(Expr.strip(st.target()) instanceof Expr.Member m) || !m.field().equals("vm_pgoff"))
      return 0;
    Expr value = Expr.strip(st.value());
    if (st.op().equals("+=") || st.op().equals("-=")) return callsAny(value, fakeOffset) ? (st.op().equals("+=") ? 1 : -1) : 0;
    if (st.op().equals("=") && value instanceof Expr.Binary b && (b.op().equals("+") || b.op().equals("-"))
        && Expr.mentionsField(b.left(), "vm_pgoff") && callsAny(b.right(), fakeOffset))
      return b.op().equals("+") ? 1 : -1;
    return 0;
  }

  private static boolean callsAny(Expr e, Set<String> names) {
    return Expr.all(e).stream().anyMatch(x -> x instanceof Expr.Call c && names.contains(Expr.calleeName(c)));
  }
}
