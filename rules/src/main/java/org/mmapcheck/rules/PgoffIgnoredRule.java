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
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/pgoff-ignored",
    summary = "dma-buf mmap maps from the start of the buffer whatever the offset asked",
    severity = Severity.WARNING,
    severity2012 = Severity.WARNING,
    precision = Precision.MEDIUM,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "contract"},
    clause = "dma_buf_mmap() passes the page offset in vma->vm_pgoff")
public final class PgoffIgnoredRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    Set<String> mapping = new HashSet<>(context.api().names(Category.MAP));
    mapping.removeAll(context.api().names(Category.PGOFF_AWARE));
    for (MmapPath path : context.mmapPaths()) {
      List<MmapPath.Site> maps = path.callsTo(mapping).stream().filter(s -> !s.atFaultTime()).toList();
      if (maps.isEmpty() || path.mentionsAtMmapTime("vm_pgoff")) continue;
      MmapPath.Site first = maps.get(0);
      String call = Expr.calleeName(((Step.CallStep) first.step()).call());
      context.report(
          first.step().location(),
          first.function().name(),
          "mmap maps the buffer with " + call + "() but never reads vma->vm_pgoff: a mapping at a non-zero offset gets the start of the buffer",
          List.of(Exporters.related(path.exporter())),
          Exporters.flow(path, first.function(), first.step().location(), call + "()"));
    }
  }

}
