package org.mmapcheck.rules;

import java.util.List;
import java.util.Set;
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
    Set<String> setFlags = context.api().names("vm-flags");
    for (MmapPath path : context.mmapPaths()) {
      List<MmapPath.VmOpsInstall> faulting = path.faultingInstalls();
      if (faulting.isEmpty() || setsDontExpand(path, setFlags)) continue;
      MmapPath.VmOpsInstall install = faulting.get(0);
      context.report(
          install.store().location(),
          install.function().name(),
          "fault-based dma-buf mapping is never marked VM_DONTEXPAND: mremap() can grow the vma past the size the core checked at mmap time",
          List.of(Exporters.related(path.exporter())),
          Exporters.flow(path, install.function(), install.store().location(), "vm_ops = " + install.store().value().text()));
    }
  }

  /** A vm_flags_set(vma, ... VM_DONTEXPAND ...) call or a store of it into vm_flags, at mmap time. */
  private static boolean setsDontExpand(MmapPath path, Set<String> setFlags) {
    for (MmapPath.Site site : path.sites()) {
      if (site.atFaultTime()) continue;
      if (site.step() instanceof Step.CallStep c
          && setFlags.contains(Expr.calleeName(c.call()))
          && c.call().args().stream().anyMatch(MmapExpandableRule::namesDontExpand)) return true;
      if (site.step() instanceof Step.Store s
          && s.target() instanceof Expr.Member m
          && m.field().equals("vm_flags")
          && namesDontExpand(s.value())) return true;
    }
    return false;
  }

  private static boolean namesDontExpand(Expr e) {
    return Expr.all(e).stream().anyMatch(x -> x instanceof Expr.Name n && n.name().equals("VM_DONTEXPAND"));
  }
}
