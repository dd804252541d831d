package org.mmapcheck.analyzer.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mmapcheck.analyzer.frontend.SourceLines;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * The {@code mmapcheck-ignore} comments of the files that have findings, and the findings they
 * silence. Only those files are read, from the tree's text: a whole-tree scan pays for a handful.
 */
final class Suppressions {

  static final String KEYWORD = "mmapcheck-ignore";

  /** How many lines above a function's name its head may start (return type, attributes on their own lines). */
  private static final int HEAD_LINES = 3;

  /** The findings a scan reports, and those it keeps only for SARIF. */
  record Split(List<Finding> active, List<SuppressedFinding> suppressed) {}

  private record FileComments(SourceLines lines, List<Suppression> suppressions) {}

  private final Map<String, FileComments> byFile;

  private Suppressions(Map<String, FileComments> byFile) {
    this.byFile = byFile;
  }

  /** Reads the suppressions in every file that holds a finding; names are checked against the rules and their aliases. */
  static Suppressions read(
      SourceTree tree, Collection<Finding> findings, List<RuleDescriptor> rules, Collection<Notification> notes) {
    Map<String, String> ids = new HashMap<>();
    for (RuleDescriptor r : rules) {
      ids.put(r.id(), r.id());
      for (String alias : r.info().aliases()) ids.put(alias, r.id());
    }
    Map<String, FileComments> byFile = new TreeMap<>();
    for (String file : new TreeSet<>(findings.stream().map(f -> f.location().file()).toList())) {
      String text;
      try {
        ByteBuffer content = tree.read(file);
        text = new String(content.array(), 0, content.limit(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        notes.add(new Notification(Severity.WARNING, file, "cannot read for suppressions: " + e, null));
        continue;
      }
      if (!text.contains(KEYWORD)) continue;
      SourceLines lines = SourceLines.of(text);
      List<Suppression> found = new ArrayList<>();
      for (SourceLines.Comment c : lines.comments()) {
        Suppression s = parse(file, lines, c, ids);
        if (s != null) found.add(s);
      }
      byFile.put(file, new FileComments(lines, found));
    }
    return new Suppressions(byFile);
  }

  /** Every suppression read, in file and line order. */
  List<Suppression> all() {
    return byFile.values().stream().flatMap(f -> f.suppressions().stream()).toList();
  }

  /** Parts the findings into those reported and those a valid suppression silences. */
  Split split(List<Finding> findings, ProgramModel model) {
    List<Finding> active = new ArrayList<>();
    List<SuppressedFinding> suppressed = new ArrayList<>();
    for (Finding f : findings) {
      Suppression s = silencing(f, model);
      if (s == null) active.add(f);
      else suppressed.add(new SuppressedFinding(f, s));
    }
    return new Split(active, suppressed);
  }

  /** The first valid suppression of the finding's rule that reaches its line or its function's head, or null. */
  private Suppression silencing(Finding f, ProgramModel model) {
    FileComments file = byFile.get(f.location().file());
    if (file == null) return null;
    FunctionDef function = enclosing(f, model);
    for (Suppression s : file.suppressions()) {
      if (!s.valid() || !s.rules().contains(f.ruleId())) continue;
      if (s.reaches() == f.location().line()) return s;
      if (function != null
          && s.reaches() >= headStart(file.lines(), function.location().line())
          && s.reaches() <= bodyOpen(file.lines(), function))
        return s;
    }
    return null;
  }

  /** The definition of the finding's function that holds its line, or null (a finding on a table, say). */
  private static FunctionDef enclosing(Finding f, ProgramModel model) {
    if (f.function() == null) return null;
    int line = f.location().line();
    for (FunctionDef d : model.functionsNamed(f.function()))
      if (d.file().equals(f.location().file()) && d.location().line() <= line && line <= d.end().line()) return d;
    return null;
  }

  /** The first line of a function's head: its name's line, or above it the return type and attributes. */
  private static int headStart(SourceLines lines, int nameLine) {
    int start = nameLine;
    while (nameLine - start < HEAD_LINES && lines.hasCode(start - 1)) {
      char last = lines.lastCode(start - 1);
      if (lines.firstCode(start - 1) == '#' || last == ';' || last == '{' || last == '}') break;
      start--;
    }
    return start;
  }

  /** The line of the brace that opens the function's body. */
  private static int bodyOpen(SourceLines lines, FunctionDef function) {
    for (int l = function.location().line(); l <= function.end().line(); l++) if (lines.opensBrace(l)) return l;
    return function.location().line();
  }

  /**
   * Reads {@code mmapcheck-ignore RULE[, RULE...]: REASON} from a comment, or null if it holds none.
   * Without a colon only the first word names a rule, and there is no reason.
   */
  private static Suppression parse(String file, SourceLines lines, SourceLines.Comment c, Map<String, String> ids) {
    int k = c.text().indexOf(KEYWORD);
    if (k < 0) return null;
    String rest = c.text().substring(k + KEYWORD.length());
    if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0)) && rest.charAt(0) != ':') return null;
    int colon = rest.indexOf(':');
    String names = colon < 0 ? rest : rest.substring(0, colon);
    String reason = colon < 0 ? "" : rest.substring(colon + 1).strip();
    List<String> rules = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names.strip().split("[,\\s]+")) {
      if (name.isEmpty()) continue;
      String id = ids.get(name);
      if (id == null) unknown.add(name);
      else if (!rules.contains(id)) rules.add(id);
      if (colon < 0) break;
    }
    Location at = Location.at(file, c.line(), c.column() + k);
    return new Suppression(at, List.copyOf(rules), List.copyOf(unknown), reason, reaches(lines, c.line()));
  }

  /**
   * The line a suppression on {@code line} applies to: its own if it holds code, else the next
   * line of code, across comment lines but not blank ones.
   */
  private static int reaches(SourceLines lines, int line) {
    if (lines.hasCode(line)) return line;
    for (int next = line + 1; next <= lines.count(); next++) {
      if (lines.hasCode(next)) return next;
      if (lines.isBlank(next)) break;
    }
    return line;
  }
}
