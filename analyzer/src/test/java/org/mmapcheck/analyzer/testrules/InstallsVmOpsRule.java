package org.mmapcheck.analyzer.testrules;

import java.util.List;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;

/** A rule for engine tests: every vm_ops install on an mmap path, with its chain. */
@RuleInfo(
    id = "test/installs-vm-ops",
    summary = "mmap installs vm_ops",
    severity = Severity.WARNING,
    severity2012 = Severity.ERROR,
    precision = Precision.HIGH,
    kind = Kind.PATH,
    tags = {"test"},
    clause = "none")
public final class InstallsVmOpsRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (MmapPath path : context.mmapPaths()) {
      for (MmapPath.VmOpsInstall install : path.installs()) {
        var at = install.store().location();
        context.report(
            at,
            install.function().name(),
            "installs vm_ops",
            List.of(new Finding.Related(path.exporter().location(), "exporter " + path.exporter().name())),
            List.of(
                new Finding.Related(path.exporter().location(), path.exporter().name()),
                new Finding.Related(path.handler().location(), path.handler().name() + "()"),
                new Finding.Related(at, "vm_ops")));
      }
    }
  }
}
