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
import org.mmapcheck.analyzer.engine.SuppressedFinding;
import org.mmapcheck.analyzer.model.Location;

/**
 * mmapcheck's own JSON: findings, notifications and, when asked, scan figures; flat and easy to
 * script. Without the figures (which hold times), two scans of the same tree give the same bytes.
 */
public final class JsonReport {

  private JsonReport() {}

  /**
   * @param states each finding's {@code baselineState} against a base revision or an earlier run
   *     (empty for a plain scan)
   * @param withStats add the scan figures
   * @param includeSuppressed also list the findings {@code mmapcheck-ignore} silences, under
   *     {@code suppressed}, each with its {@code suppression} (the comment's reason and place);
   *     {@code findings} never holds them
   */
  public static void write(
      ScanResult scan,
      Map<Finding, SarifContext.BaselineState> states,
      boolean withStats,
      boolean includeSuppressed,
      OutputStream out)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tool", Version.NAME);
    root.put("version", Version.get());
    root.put("profile", scan.profile().label());
    List<Object> findings = new ArrayList<>();
    for (Finding f : scan.findings()) findings.add(finding(f, states.get(f)));
    root.put("findings", findings);
    if (includeSuppressed) {
      List<Object> suppressed = new ArrayList<>();
      for (SuppressedFinding s : scan.suppressed()) {
        Map<String, Object> m = finding(s.finding(), null);
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("justification", s.suppression().reason());
        by.put("file", s.suppression().at().file());
        by.put("line", s.suppression().at().line());
        by.put("column", s.suppression().at().column());
        m.put("suppression", by);
        suppressed.add(m);
      }
      root.put("suppressed", suppressed);
    }
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
    if (withStats) root.put("stats", scan.stats());
    Json.PLAIN.writeValue(out, root);
    out.write('\n');
  }

  /** @param state null outside a diff */
  private static Map<String, Object> finding(Finding f, SarifContext.BaselineState state) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", f.ruleId());
    m.put("level", f.severity().sarifLevel());
    m.put("message", f.message());
    m.put("file", f.location().file());
    m.put("line", f.location().line());
    m.put("column", f.location().column());
    m.put("function", f.function());
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
    return m;
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
