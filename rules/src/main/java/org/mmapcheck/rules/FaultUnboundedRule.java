package org.mmapcheck.rules;

import java.util.HashSet;
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
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/fault-unbounded",
    summary = "fault handler indexes the buffer's pages by the fault offset without a correct bounds check",
    severity = Severity.ERROR,
    severity2012 = Severity.ERROR,
    precision = Precision.MEDIUM,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "page-fault", "memory-safety"},
    clause = "the vma size is checked once and never changes")
public final class FaultUnboundedRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (MmapPath path : context.mmapPaths()) {
      // With VM_DONTEXPAND the core's size check bounds every fault offset; a wrong check still counts.
      boolean sized = path.setsVmFlag("VM_DONTEXPAND", context.api().names(Category.VM_FLAGS));
      Set<String> reported = new HashSet<>();
      for (MmapPath.Site site : path.sites()) {
        // The fault callbacks themselves: where vmf->pgoff and vmf->address are at hand.
        if (!site.atFaultTime() || site.chain().size() != 1) continue;
        FunctionDef fault = site.function();
        for (Expr x : Expr.all(Step.expression(site.step()))) {
          if (!(x instanceof Expr.Subscript sub) || !isOffset(fault, site.step(), sub.index())) continue;
          String check = bound(fault, site.step());
          if (check.equals("bounded") || (sized && check.equals("unbounded"))) continue;
          if (!reported.add(fault.name() + ":" + site.step().location().line())) continue;
          String message =
              check.equals("off-by-one")
                  ? "fault handler " + fault.name() + "() indexes " + sub.text() + " after a bounds check that lets the"
                      + " offset equal the page count: use >= (or <) against the number of pages"
                  : "fault handler " + fault.name() + "() indexes " + sub.text() + " by the fault offset without checking"
                      + " it against the buffer's page count, and the vma is not VM_DONTEXPAND";
          context.report(
              site.step().location(),
              fault.name(),
              message,
              List.of(Exporters.related(path.exporter())),
              Exporters.faultFlow(path, site, sub.text()));
        }
      }
    }
  }

  /** Whether the expression may carry vmf->pgoff or the fault address where the step runs, itself or through locals. */
  private static boolean isOffset(FunctionDef f, Step at, Expr e) {
    return Locals.mayCarry(f, at, e, x -> x instanceof Expr.Member m && (m.field().equals("pgoff") || m.field().equals("address")));
  }

  /**
   * "bounded" when an earlier condition compares the offset with >= or < (either way round),
   * "off-by-one" when the only comparisons are > or <=, "unbounded" when there is none.
   */
  private static String bound(FunctionDef f, Step use) {
    String verdict = "unbounded";
    for (Step s : f.steps()) {
      if (s == use) break;
      if (!(s instanceof Step.Condition c)) continue;
      for (Expr x : Expr.all(c.condition())) {
        if (!(x instanceof Expr.Binary b)) continue;
        boolean left = isOffset(f, c, b.left());
        boolean right = isOffset(f, c, b.right());
        if (left == right) continue;
        String op = left ? b.op() : Expr.mirrored(b.op());
        if (op.equals(">=") || op.equals("<")) return "bounded";
        if (op.equals(">") || op.equals("<=")) verdict = "off-by-one";
      }
    }
    return verdict;
  }
}
