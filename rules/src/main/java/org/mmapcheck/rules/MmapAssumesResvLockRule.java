package org.mmapcheck.rules;

import java.util.List;
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
    id = "dmabuf/mmap-assumes-resv-lock",
    summary = "dma-buf mmap asserts the reservation lock, which the core does not hold there",
    severity = Severity.WARNING,
    severity2012 = Severity.WARNING,
    precision = Precision.MEDIUM,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "locking", "contract"},
    clause = "the mmap callback is invoked with the dma-buf reservation unlocked")
public final class MmapAssumesResvLockRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (MmapPath path : context.mmapPaths()) {
      if (path.callsTo(context.api().names(Category.RESV_LOCK)).stream().anyMatch(s -> !s.atFaultTime())) continue;
      for (MmapPath.Site site : path.callsTo(context.api().names(Category.RESV_ASSERT))) {
        if (site.atFaultTime()) continue;
        String assertion = Expr.calleeName(((Step.CallStep) site.step()).call());
        context.report(
            site.step().location(),
            site.function().name(),
            "mmap asserts the reservation lock with " + assertion + "(), but dma-buf calls .mmap with the"
                + " reservation unlocked and nothing on the path of exporter '" + path.exporter().name() + "' takes it",
            List.of(Exporters.related(path.exporter())),
            Exporters.flow(path, site.function(), site.step().location(), assertion + "()"));
      }
    }
  }
}
