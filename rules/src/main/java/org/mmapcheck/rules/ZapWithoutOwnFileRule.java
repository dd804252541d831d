package org.mmapcheck.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/zap-without-own-file",
    summary = "exporter zaps ptes of a dma-buf mapping whose vma keeps the shared dma-buf file",
    severity = Severity.ERROR,
    severity2012 = Severity.ERROR,
    precision = Precision.MEDIUM,
    tags = {"dma-buf", "mmap", "coherency", "contract"},
    clause = "faking coherency needs the exporter's own file in vma->vm_file")
public final class ZapWithoutOwnFileRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    Set<String> zaps = context.api().names(Category.ZAP);
    Set<String> setFile = context.api().names(Category.SET_FILE);
    for (MmapPath path : context.mmapPaths()) {
      if (path.faultingInstalls().isEmpty()
          || !path.storesInto("vm_file").isEmpty()
          || path.callsTo(setFile).stream().anyMatch(s -> !s.atFaultTime())) continue;
      Set<String> driverFiles = new HashSet<>();
      path.reach().keySet().forEach(f -> driverFiles.add(f.file()));
      path.faultReach().keySet().forEach(f -> driverFiles.add(f.file()));
      if (redirectsAddressSpace(model, driverFiles)) continue;
      for (FileModel file : model.files()) {
        if (!driverFiles.contains(file.path())) continue;
        for (FunctionDef f : file.functions()) {
          for (Step s : f.steps()) {
            if (!(s instanceof Step.CallStep c) || !zaps.contains(Expr.calleeName(c.call()))) continue;
            MmapPath.VmOpsInstall install = path.faultingInstalls().get(0);
            context.report(
                c.location(),
                f.name(),
                Expr.calleeName(c.call()) + "() zaps ptes to fake coherency, but the mmap of exporter '"
                    + path.exporter().name() + "' leaves the shared dma-buf file in vma->vm_file, so the zap never"
                    + " reaches dma-buf mappings; set the exporter's own file with vma_set_file()",
                List.of(
                    Exporters.related(path.exporter()),
                    new Finding.Related(install.store().location(), "fault-based mapping installed here")),
                List.of());
          }
        }
      }
    }
  }

  /**
   * The generic DRM way: the exported file's address space is pointed at the device's
   * ({@code dma_buf->file->f_mapping = ...}), so zaps of the device's mapping reach dma-buf ones.
   */
  private static boolean redirectsAddressSpace(ProgramModel model, Set<String> files) {
    for (FileModel file : model.files()) {
      if (!files.contains(file.path())) continue;
      for (FunctionDef f : file.functions())
        for (Step s : f.steps())
          if (s instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals("f_mapping"))
            return true;
    }
    return false;
  }
}
