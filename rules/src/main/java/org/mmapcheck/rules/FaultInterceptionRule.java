package org.mmapcheck.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/fault-interception",
    summary = "dma-buf mmap installs vm_ops that handle page faults",
    severity = Severity.NOTE,
    severity2012 = Severity.WARNING,
    precision = Precision.HIGH,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "page-fault", "contract"},
    clause = "no page-fault interception (2012 commit; current: only to fake coherency)")
public final class FaultInterceptionRule implements Rule {

  private static final int CALL_DEPTH = 4;

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (OpsTable exporter : Exporters.all(model)) {
      FunctionDef handler = model.handler(exporter, "mmap");
      if (handler == null) continue;
      Map<FunctionDef, List<FunctionDef>> reach = model.reachable(handler, CALL_DEPTH);
      for (Map.Entry<FunctionDef, List<FunctionDef>> e : reach.entrySet()) {
        FunctionDef f = e.getKey();
        for (Step s : f.steps()) {
          if (!(s instanceof Step.Store store)
              || !(store.target() instanceof Expr.Member m)
              || !m.field().equals("vm_ops")) continue;
          List<OpsTable> faulting =
              model.tablesOf(store.value(), "vm_operations_struct", f).stream()
                  .filter(t -> ProgramModel.FAULT_CALLBACKS.stream().anyMatch(t::has))
                  .toList();
          if (faulting.isEmpty()) continue;
          List<Finding.Related> flow = new ArrayList<>(Exporters.chainStart(exporter, "mmap", handler));
          List<FunctionDef> chain = e.getValue();
          for (FunctionDef step : chain.subList(1, chain.size()))
            flow.add(new Finding.Related(step.location(), step.name() + "()"));
          flow.add(new Finding.Related(store.location(), "vm_ops = " + store.value().text()));
          List<Finding.Related> related = new ArrayList<>();
          related.add(Exporters.related(exporter));
          for (OpsTable t : faulting) related.add(new Finding.Related(t.location(), "vm_ops " + t.name() + " with ." + String.join(", .", callbacks(t))));
          String message =
              faulting.size() == 1
                  ? "dma-buf mmap installs vm_ops '" + faulting.get(0).name() + "' with ." + String.join(", .", callbacks(faulting.get(0)))
                      + ": page faults on the dma-buf mapping run driver code, which must never wait for device work"
                  : "dma-buf mmap installs vm_ops from '" + store.value().text() + "', which can be any of "
                      + faulting.size() + " tables with fault callbacks: page faults on the dma-buf mapping run driver code, which must never wait for device work";
          context.report(
              store.location(),
              f.name(),
              message,
              related,
              flow);
        }
      }
    }
  }

  private static List<String> callbacks(OpsTable vmOps) {
    return ProgramModel.FAULT_CALLBACKS.stream().filter(vmOps::has).toList();
  }
}
