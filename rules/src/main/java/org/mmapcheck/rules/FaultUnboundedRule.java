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
        Set<String> offsets = offsetVariables(fault);
        for (Expr x : Expr.all(Step.expression(site.step()))) {
          if (!(x instanceof Expr.Subscript sub) || !isOffset(sub.index(), offsets)) continue;
          String check = bound(fault, site.step(), offsets);
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

  /** Locals assigned from vmf->pgoff or from the fault address. */
  private static Set<String> offsetVariables(FunctionDef f) {
    Set<String> vars = new HashSet<>();
    for (Step s : f.steps()) {
      if (s instanceof Step.Store st && st.target() instanceof Expr.Name n && isOffset(st.value(), vars))
        vars.add(n.name());
    }
    return vars;
  }

  private static boolean isOffset(Expr e, Set<String> vars) {
    for (Expr x : Expr.all(e)) {
      if (x instanceof Expr.Member m && (m.field().equals("pgoff") || m.field().equals("address"))) return true;
      if (x instanceof Expr.Name n && vars.contains(n.name())) return true;
    }
    return false;
  }

  /**
   * "bounded" when an earlier condition compares the offset with >= or < (either way round),
   * "off-by-one" when the only comparisons are > or <=, "unbounded" when there is none.
   */
  private static String bound(FunctionDef f, Step use, Set<String> offsets) {
    String verdict = "unbounded";
    for (Step s : f.steps()) {
      if (s == use) break;
      if (!(s instanceof Step.Condition c)) continue;
      for (Expr x : Expr.all(c.condition())) {
        if (!(x instanceof Expr.Binary b)) continue;
        boolean left = isOffset(b.left(), offsets);
        boolean right = isOffset(b.right(), offsets);
        if (left == right) continue;
        String op = left ? b.op() : mirror(b.op());
        if (op.equals(">=") || op.equals("<")) return "bounded";
        if (op.equals(">") || op.equals("<=")) verdict = "off-by-one";
      }
    }
    return verdict;
  }

  private static String mirror(String op) {
    return switch (op) {
      case "<" -> ">";
      case ">" -> "<";
      case "<=" -> ">=";
      case ">=" -> "<=";
      default -> op;
    };
  }
}
