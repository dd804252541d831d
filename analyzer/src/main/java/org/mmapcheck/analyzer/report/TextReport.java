package org.mmapcheck.analyzer.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.SuppressedFinding;

/**
 * One finding a line, the way compilers print them: {@code path:line:col: level: message [rule]},
 * with control characters from file names and source escaped as compilers do. Suppressed
 * findings, when asked for, follow with their reason: {@code ... [rule] (suppressed: reason)}.
 */
public final class TextReport {

  private TextReport() {}

  public static void write(ScanResult scan, boolean includeSuppressed, OutputStream out) throws IOException {
    PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
    for (Finding f : scan.findings()) w.println(TextEscape.escape(line(f)));
    if (includeSuppressed)
      for (SuppressedFinding s : scan.suppressed())
        w.println(TextEscape.escape(line(s.finding()) + " (suppressed: " + s.suppression().reason() + ")"));
    w.flush();
  }

  private static String line(Finding f) {
    return String.format(
        "%s:%d:%d: %s: %s [%s]",
        f.location().file(),
        f.location().line(),
        f.location().column(),
        f.severity().sarifLevel(),
        f.message(),
        f.ruleId());
  }
}
