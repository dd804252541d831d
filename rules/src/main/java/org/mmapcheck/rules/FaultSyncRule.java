package org.mmapcheck.rules;

import java.util.List;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.KernelApi;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/fault-sync",
    summary = "page fault on a dma-buf mapping waits for device work",
    severity = Severity.ERROR,
    severity2012 = Severity.ERROR,
    precision = Precision.HIGH,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "page-fault", "synchronization", "contract"},
    clause = "no synchronization with outstanding device work at fault time")
public final class FaultSyncRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    List<KernelApi.TestOnlyWait> testOnly = context.api().testOnlyWaits();
    for (MmapPath path : context.mmapPaths()) {
      for (MmapPath.Site site : path.callsTo(context.api().names(Category.WAIT))) {
        Expr.Call call = ((Step.CallStep) site.step()).call();
        if (!site.atFaultTime() || onlyTests(site, call, testOnly) || underStateTest(site)) continue;
        String wait = Expr.calleeName(call);
        MmapPath.FaultChain fc = path.faultReach().get(site.function());
        String handler = fc.table().name() + "." + fc.callback();
        // Code shared by several drivers (TTM's fault helpers) is named for itself; the handler
        // that reaches it goes to the related locations and the flow.
        boolean driversOwn = (ProgramModel.directory(site.function().file()) + "/")
            .startsWith(ProgramModel.directory(fc.table().file()) + "/");
        context.report(
            site.step().location(),
            site.function().name(),
            (driversOwn ? "page fault handler " + handler : "page fault handling in " + site.function().name() + "()")
                + " reaches " + wait + "(): a fault on the dma-buf mapping waits for device work",
            List.of(
                Exporters.related(path.exporter()),
                new Finding.Related(fc.table().bindings(fc.callback()).get(0).location(), "fault handler " + handler)),
            Exporters.faultFlow(path, site, wait + "()"));
      }
    }
  }

  /**
   * Whether the wait runs only for some states of an object: a guard of it compares a field with
   * a named constant ({@code old_mem->mem_type == TTM_PL_TT}). Which states the faulting object
   * can be in is not tracked, so such a wait may be one no fault takes.
   */
  private static boolean underStateTest(MmapPath.Site site) {
    for (Step.Guard g : site.step().guards())
      for (Expr e : Expr.all(g.condition()))
        if (e instanceof Expr.Binary b && (b.op().equals("==") || b.op().equals("!="))
            && (comparesField(b.left(), b.right(), site) || comparesField(b.right(), b.left(), site))) return true;
    return false;
  }

  private static boolean comparesField(Expr field, Expr constant, MmapPath.Site site) {
    return Expr.strip(field) instanceof Expr.Member
        && Expr.strip(constant) instanceof Expr.Name n
        && site.function().variable(n.name()) == null
        && !n.name().equals("NULL");
  }

  /**
   * Whether the wait-test-only list says the call returns at once: the argument it names is the
   * value given, itself or in every value a local passed there may hold ({@link Locals}).
   */
  private static boolean onlyTests(MmapPath.Site site, Expr.Call call, List<KernelApi.TestOnlyWait> testOnly) {
    String name = Expr.calleeName(call);
    for (KernelApi.TestOnlyWait t : testOnly)
      if (t.function().equals(name) && t.argument() < call.args().size()
          && Locals.everyValue(site.function(), site.step(), call.args().get(t.argument()),
              v -> Expr.strip(v).text().equals(t.value()))) return true;
    return false;
  }
}
