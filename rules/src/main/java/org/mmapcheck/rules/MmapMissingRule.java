package org.mmapcheck.rules;

import java.util.List;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;

@RuleInfo(
    id = "dmabuf/mmap-missing",
    summary = "dma-buf exporter without an mmap callback",
    severity = Severity.NOTE,
    severity2012 = Severity.ERROR,
    precision = Precision.VERY_HIGH,
    tags = {"dma-buf", "mmap", "contract"},
    clause = "mmap support (2012: mandatory; current: optional)")
public final class MmapMissingRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (OpsTable exporter : Exporters.all(model)) {
      if (exporter.has("mmap")) continue;
      // A table copied from one we cannot see may well carry an mmap.
      if (!exporter.copies().isEmpty()) continue;
      String message =
          context.profile() == Profile.ORIGINAL_2012
              ? "dma-buf exporter '" + exporter.name() + "' has no .mmap; the 2012 contract makes mmap mandatory"
              : "dma-buf exporter '" + exporter.name() + "' has no .mmap; mmap() of its dma-bufs fails with -EINVAL";
      context.report(exporter.location(), exporter.name(), message, List.of(), List.of());
    }
  }
}
