package org.mmapcheck.analyzer.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;

/** Every dma-buf exporter the model found, with its mmap and cpu-access handlers resolved. */
public final class Inventory {

  /** One exporter: an object of type {@code struct dma_buf_ops}. */
  public record Exporter(
      String id, String file, int line, String form, Handler mmap, Handler beginCpuAccess, Handler endCpuAccess) {}

  /**
   * A handler named in the table. {@code file} and {@code line} are those of its definition, null
   * when the tree does not define it (or defines it where the parser could not see it).
   */
  public record Handler(String name, String file, Integer line) {}

  private Inventory() {}

  public static List<Exporter> of(ProgramModel model) {
    List<Exporter> out = new ArrayList<>();
    for (OpsTable t : model.opsTables("dma_buf_ops")) {
      out.add(
          new Exporter(
              t.id(),
              t.file(),
              t.location().line(),
              t.runtime() ? "runtime" : "initializer",
              handler(model, t, "mmap"),
              handler(model, t, "begin_cpu_access"),
              handler(model, t, "end_cpu_access")));
    }
    return out;
  }

  private static Handler handler(ProgramModel model, OpsTable t, String field) {
    OpsTable.Binding b = model.binding(t, field);
    if (b == null) return null;
    FunctionDef f = model.handler(t, field);
    if (f != null) return new Handler(f.name(), f.file(), f.location().line());
    String name = org.mmapcheck.analyzer.model.Expr.functionName(b.value());
    return new Handler(name == null ? b.value().text() : name, null, null);
  }

  public static void writeJson(List<Exporter> exporters, OutputStream out) throws IOException {
    List<Object> list = new ArrayList<>();
    for (Exporter e : exporters) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("file", e.file());
      m.put("line", e.line());
      m.put("form", e.form());
      m.put("mmap", e.mmap());
      m.put("beginCpuAccess", e.beginCpuAccess());
      m.put("endCpuAccess", e.endCpuAccess());
      list.add(m);
    }
    Json.PLAIN.writeValue(out, list);
    out.write('\n');
  }

  public static void writeText(List<Exporter> exporters, OutputStream out) {
    PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    for (Exporter e : exporters) {
      w.printf(
          "%s:%d: %s mmap=%s begin_cpu_access=%s end_cpu_access=%s%n",
          e.file(), e.line(), e.id(), describe(e.mmap()), describe(e.beginCpuAccess()), describe(e.endCpuAccess()));
    }
    w.flush();
  }

  private static String describe(Handler h) {
    if (h == null) return "-";
    return h.file() == null ? h.name() + "(undefined)" : h.name() + "@" + h.file() + ":" + h.line();
  }
}
