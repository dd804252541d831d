package org.mmapcheck.rules;

import java.util.List;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;

/** What several rules say about exporters, phrased once. */
final class Exporters {

  static final String TYPE = "dma_buf_ops";

  private Exporters() {}

  static List<OpsTable> all(ProgramModel model) {
    return model.opsTables(TYPE);
  }

  static Finding.Related related(OpsTable exporter) {
    return new Finding.Related(exporter.location(), "exporter " + exporter.name());
  }

  /** The start of a chain: the exporter's table and the handler it names. */
  static List<Finding.Related> chainStart(OpsTable exporter, String field, FunctionDef handler) {
    Location binding = exporter.bindings(field).get(0).location();
    return List.of(
        new Finding.Related(binding, exporter.name() + "." + field + " = " + handler.name()),
        new Finding.Related(handler.location(), handler.name() + "()"));
  }
}
