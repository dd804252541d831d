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
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;

@RuleInfo(
    id = "dmabuf/mmap-expandable",
    summary = "fault-based dma-buf mapping without VM_DONTEXPAND",
    severity = Severity.WARNING,
    severity2012 = Severity.WARNING,
    precision = Precision.HIGH,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "page-fault", "contract"},
    clause = "the vma size is checked once and never changes")
public final class MmapExpandableRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    Set<String> setFlags = context.api().names(Category.VM_FLAGS);
    for (MmapPath path : context.mmapPaths()) {
      List<MmapPath.VmOpsInstall> faulting = path.faultingInstalls();
      if (faulting.isEmpty() || path.setsVmFlag("VM_DONTEXPAND", setFlags)) continue;
      MmapPath.VmOpsInstall install = faulting.get(0);
      context.report(
          install.store().location(),
          install.function().name(),
          "fault-based dma-buf mapping is never marked VM_DONTEXPAND: mremap() can grow the vma past the size the core checked at mmap time",
          List.of(Exporters.related(path.exporter())),
          Exporters.flow(path, install.function(), install.store().location(), "vm_ops = " + install.store().value().text()));
    }
  }

}
