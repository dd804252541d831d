package org.mmapcheck.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmapcheck.analyzer.engine.Profile;

/**
 * The expectations a fixture states on its own lines:
 * {@code /* expect: RULE *}{@code /}, {@code expect-missing: RULE} (a known false negative),
 * {@code expect-spurious: RULE} (a known false positive), each optionally for one profile
 * ({@code expect[2012]: RULE}) and with the finding's level and a fragment of its message
 * ({@code expect: RULE warning "fragment"}); and
 * {@code /* exporter: mmap=NAME begin=NAME end=NAME *}{@code /} for the inventory, where
 * {@code -} means unset and {@code NAME?} means named but not defined in the case.
 */
record Markers(List<Finding> findings, List<Exporter> exporters) {

  enum Kind { EXPECT, MISSING, SPURIOUS }

  /**
   * One expected (or known wrong) finding; {@code profile}, {@code level} and {@code fragment}
   * are null where the marker leaves them open.
   */
  record Finding(Kind kind, Profile profile, String ruleId, String level, String fragment, String file, int line) {
    String key() {
      return ruleId + " at " + file + ":" + line;
    }

    boolean holdsIn(Profile p) {
      return profile == null || profile == p;
    }
  }

  /** The markers that hold in one profile. */
  List<Finding> findings(Profile p) {
    return findings.stream().filter(m -> m.holdsIn(p)).toList();
  }

  record Exporter(String file, int line, Map<String, String> handlers) {}

  private static final Pattern FINDING =
      Pattern.compile(
          "/\\*\\s*(expect|expect-missing|expect-spurious)(?:\\[([\\w-]+)])?:\\s*([\\w/-]+)"
              + "(?:\\s+(error|warning|note))?(?:\\s+\"([^\"]*)\")?\\s*\\*/");
  private static final Pattern EXPORTER = Pattern.compile("/\\*\\s*exporter:([^*]*)\\*/");

  /** Reads the markers of every file, given as (path relative to the scan root, absolute path). */
  static Markers read(Map<String, Path> files) throws IOException {
    List<Finding> findings = new ArrayList<>();
    List<Exporter> exporters = new ArrayList<>();
    for (Map.Entry<String, Path> f : files.entrySet()) {
      List<String> lines = Files.readAllLines(f.getValue(), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = FINDING.matcher(lines.get(i));
        while (m.find()) {
          Kind kind =
              switch (m.group(1)) {
                case "expect" -> Kind.EXPECT;
                case "expect-missing" -> Kind.MISSING;
                default -> Kind.SPURIOUS;
              };
          Profile profile = m.group(2) == null ? null : Profile.fromLabel(m.group(2));
          findings.add(new Finding(kind, profile, m.group(3), m.group(4), m.group(5), f.getKey(), i + 1));
        }
        Matcher e = EXPORTER.matcher(lines.get(i));
        if (e.find()) exporters.add(new Exporter(f.getKey(), i + 1, handlers(e.group(1))));
      }
    }
    return new Markers(findings, exporters);
  }

  private static Map<String, String> handlers(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : spec.trim().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) out.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return out;
  }
}
