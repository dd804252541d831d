package org.mmapcheck.rules;

import java.util.ArrayList;
import java.util.List;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;

/** What several rules say about exporters and their mmap paths, phrased once. */
final class Exporters {

  static final String TYPE = "dma_buf_ops";

  private Exporters() {}

  static List<OpsTable> all(ProgramModel model) {
    return model.opsTables(TYPE);
  }

  static Finding.Related related(OpsTable exporter) {
    return new Finding.Related(exporter.location(), "exporter " + exporter.name());
  }

  /** The chain from the exporter's table to a place in the mmap-time code of the path. */
  static List<Finding.Related> flow(MmapPath path, FunctionDef in, Location at, String what) {
    List<Finding.Related> flow = start(path);
    List<FunctionDef> chain = path.reach().get(in);
    for (FunctionDef step : chain.subList(1, chain.size())) flow.add(call(step));
    flow.add(new Finding.Related(at, what));
    return flow;
  }

  /** The chain from the exporter's table through the vm_ops install to fault-time code. */
  static List<Finding.Related> faultFlow(MmapPath path, MmapPath.Site site, String what) {
    MmapPath.FaultChain fc = path.faultReach().get(site.function());
    MmapPath.VmOpsInstall install = fc.install();
    List<Finding.Related> flow =
        new ArrayList<>(flow(path, install.function(), install.store().location(), "vm_ops = " + install.store().value().text()));
    Location callback = fc.table().bindings(fc.callback()).get(0).location();
    flow.add(new Finding.Related(callback, fc.table().name() + "." + fc.callback() + " = " + fc.calls().get(0).name()));
    for (FunctionDef step : fc.calls()) flow.add(call(step));
    flow.add(new Finding.Related(site.step().location(), what));
    return flow;
  }

  private static List<Finding.Related> start(MmapPath path) {
    List<Finding.Related> flow = new ArrayList<>();
    Location binding = path.exporter().bindings("mmap").get(0).location();
    flow.add(new Finding.Related(binding, path.exporter().name() + ".mmap = " + path.handler().name()));
    flow.add(call(path.handler()));
    return flow;
  }

  private static Finding.Related call(FunctionDef f) {
    return new Finding.Related(f.location(), f.name() + "()");
  }
}
