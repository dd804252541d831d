package org.mmapcheck.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/mmap-stub",
    summary = "dma-buf mmap callback that can only fail",
    severity = Severity.NOTE,
    severity2012 = Severity.ERROR,
    precision = Precision.HIGH,
    tags = {"dma-buf", "mmap", "contract"},
    clause = "mmap support (2012: mandatory; current: optional)")
public final class MmapStubRule implements Rule {

  private static final int FORWARD_DEPTH = 3;

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (OpsTable exporter : Exporters.all(model)) {
      FunctionDef handler = model.handler(exporter, "mmap");
      if (handler == null || !canOnlyFail(model, handler, FORWARD_DEPTH, new HashSet<>())) continue;
      String message =
          "mmap callback '" + handler.name() + "' of exporter '" + exporter.name() + "' can only fail"
              + (context.profile() == Profile.ORIGINAL_2012
                  ? "; the 2012 contract makes mmap mandatory"
                  : "; leave .mmap unset instead, so the core reports it as unsupported");
      context.report(handler.location(), handler.name(), message, List.of(Exporters.related(exporter)), List.of());
    }
  }

  /** Every return gives a negative errno, directly or from a callee that can only fail. */
  static boolean canOnlyFail(ProgramModel model, FunctionDef f, int depth, Set<FunctionDef> seen) {
    if (!seen.add(f)) return false;
    boolean anyReturn = false;
    for (Step s : f.steps()) {
      if (!(s instanceof Step.Return r)) continue;
      anyReturn = true;
      if (r.value() == null || !isFailure(model, f, r, r.value(), depth, seen)) return false;
    }
    return anyReturn;
  }

  /** A negative errno, a callee that can only fail, or a local every value of which there is one of those. */
  private static boolean isFailure(ProgramModel model, FunctionDef in, Step at, Expr value, int depth, Set<FunctionDef> seen) {
    if (value instanceof Expr.Name local && in.variable(local.name()) != null)
      return Locals.everyValue(in, at, value, v -> isFailure(model, in, at, v, depth, seen));
    if (value instanceof Expr.Unary u && u.op().equals("-")) {
      Expr operand = u.operand();
      if (operand instanceof Expr.Name n) return n.name().matches("E[A-Z0-9]+");
      return operand instanceof Expr.Literal;
    }
    if (value instanceof Expr.Call c && depth > 0) {
      FunctionDef callee = model.resolveFunction(c.callee(), in.file());
      return callee != null && canOnlyFail(model, callee, depth - 1, seen);
    }
    return false;
  }
}
