package org.mmapcheck.analyzer.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Lays an {@link AuditReport} out as one self-contained HTML page (styles and script inline,
 * nothing fetched) or as a GitHub-flavoured Markdown summary, with Pebble templates that escape
 * every value unless a template says otherwise.
 */
public final class HtmlReport {

  private static final PebbleEngine HTML = engine().build();

  /** Markdown escapes its own way: a name with {@code |} or {@code _} must not break a table or start emphasis. */
  private static final PebbleEngine MARKDOWN =
      engine().addEscapingStrategy("markdown", HtmlReport::escapeMarkdown).defaultEscapingStrategy("markdown").build();

  private HtmlReport() {}

  private static PebbleEngine.Builder engine() {
    ClasspathLoader loader = new ClasspathLoader(HtmlReport.class.getClassLoader());
    loader.setPrefix("org/mmapcheck/analyzer/report");
    return new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(true);
  }

  public static void writeHtml(AuditReport report, OutputStream out) throws IOException {
    render(HTML, "audit.html.peb", report, out);
  }

  public static void writeMarkdown(AuditReport report, OutputStream out) throws IOException {
    render(MARKDOWN, "audit.md.peb", report, out);
  }

  /** The report of the latest revision with the history's timeline. */
  public static void writeHistoryHtml(AuditReport report, Timeline timeline, OutputStream out) throws IOException {
    render(HTML, "history.html.peb", report, Map.of("history", timeline), out);
  }

  public static void writeHistoryMarkdown(AuditReport report, Timeline timeline, OutputStream out) throws IOException {
    render(MARKDOWN, "history.md.peb", report, Map.of("history", timeline), out);
  }

  private static void render(PebbleEngine engine, String template, AuditReport report, OutputStream out) throws IOException {
    render(engine, template, report, Map.of(), out);
  }

  private static void render(PebbleEngine engine, String template, AuditReport report, Map<String, Object> more, OutputStream out)
      throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    Map<String, Object> context = new HashMap<>(more);
    context.put("report", report);
    context.put("revision", report.latest());
    engine.getTemplate(template).evaluate(w, context);
    w.flush();
  }

  /**
   * Text for a GitHub Markdown table cell: backslash before every character that could start
   * markup there (GFM lets any ASCII punctuation be escaped so), one line.
   */
  static String escapeMarkdown(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (c == '\n' || c == '\r' || c == '\t') out.append(' ');
      else {
        if ("\\`*_[]<>|&~!#".indexOf(c) >= 0) out.append('\\');
        out.append(c);
      }
    }
    return out.toString();
  }
}
