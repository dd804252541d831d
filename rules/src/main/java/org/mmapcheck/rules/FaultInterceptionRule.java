package org.mmapcheck.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;

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

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (MmapPath path : context.mmapPaths()) {
      for (MmapPath.VmOpsInstall install : path.faultingInstalls()) {
        List<OpsTable> faulting = install.tables().stream().filter(MmapPath::faults).toList();
        List<Finding.Related> related = new ArrayList<>();
        related.add(Exporters.related(path.exporter()));
        for (OpsTable t : faulting)
          related.add(new Finding.Related(t.location(), "vm_ops " + t.name() + " with " + callbacks(t)));
        // vm_ops read from the object (obj->funcs->vm_ops) serve every driver whose objects pass
        // here: the line names where they come from, the related locations which they are. A
        // table, or a local holding one of several, names them.
        String what =
            Expr.strip(install.store().value()) instanceof Expr.Name
                ? "vm_ops " + faulting.stream().map(t -> "'" + t.name() + "' with " + callbacks(t)).collect(Collectors.joining(", or "))
                : "the vm_ops in '" + install.store().value().text() + "', which the objects' tables fill with fault callbacks";
        context.report(
            install.store().location(),
            install.function().name(),
            "dma-buf mmap installs " + what
                + ": page faults on the dma-buf mapping run driver code, which must never wait for device work",
            related,
            Exporters.flow(path, install.function(), install.store().location(), "vm_ops = " + install.store().value().text()));
      }
    }
  }

  private static String callbacks(OpsTable vmOps) {
    return "." + String.join(", .", ProgramModel.FAULT_CALLBACKS.stream().filter(vmOps::has).toList());
  }
}
