package org.mmapcheck.analyzer.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Notification;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.model.Location;

/** mmapcheck's own JSON: findings, notifications and scan figures, flat and easy to script. */
public final class JsonReport {

  private JsonReport() {}

  public static void write(ScanResult scan, OutputStream out) throws IOException {
    write(scan, Map.of(), out);
  }

  /** With each finding's state against a base revision, as {@code mmapcheck diff} reports them. */
  public static void write(ScanResult scan, Map<Finding, SarifContext.BaselineState> states, OutputStream out)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tool", Version.NAME);
    root.put("version", Version.get());
    root.put("profile", scan.profile().label());
    List<Object> findings = new ArrayList<>();
    for (Finding f : scan.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", f.ruleId());
      m.put("level", f.severity().sarifLevel());
      m.put("message", f.message());
      m.put("file", f.location().file());
      m.put("line", f.location().line());
      m.put("column", f.location().column());
      m.put("function", f.function());
      SarifContext.BaselineState state = states.get(f);
      if (state != null) m.put("baselineState", state.sarif());
      List<Object> related = new ArrayList<>();
      for (Finding.Related r : f.related()) related.add(place(r.location(), r.message()));
      m.put("related", related);
      List<Object> flows = new ArrayList<>();
      for (List<Finding.Related> flow : f.flows()) {
        List<Object> steps = new ArrayList<>();
        for (Finding.Related step : flow) steps.add(place(step.location(), step.message()));
        flows.add(steps);
      }
      m.put("flows", flows);
      findings.add(m);
    }
    root.put("findings", findings);
    List<Object> notes = new ArrayList<>();
    for (Notification n : scan.notifications()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("level", n.level().sarifLevel());
      m.put("file", n.file());
      m.put("rule", n.ruleId());
      m.put("message", n.message());
      notes.add(m);
    }
    root.put("notifications", notes);
    root.put("stats", scan.stats());
    Json.PLAIN.writeValue(out, root);
    out.write('\n');
  }

  static Map<String, Object> place(Location at, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", at.file());
    m.put("line", at.line());
    m.put("column", at.column());
    m.put("message", message);
    return m;
  }
}
