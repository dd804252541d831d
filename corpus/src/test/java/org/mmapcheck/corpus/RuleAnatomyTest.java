package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.rules.BuiltinRules;

/** Keeps every rule's anatomy whole: registered, documented, with fixtures of both kinds. */
class RuleAnatomyTest {

  @Test
  void everyRuleHasMetadataDocAndBothKindsOfFixture() throws IOException {
    Set<String> ids = new HashSet<>();
    for (RuleDescriptor r : BuiltinRules.all()) {
      String id = r.id();
      assertTrue(id.matches("dmabuf/[a-z0-9]+(-[a-z0-9]+)*"), id + ": id must be dmabuf/<kebab-phrase>");
      assertTrue(ids.add(id), id + ": registered twice");
      for (String alias : r.info().aliases()) assertTrue(ids.add(alias), alias + ": alias reused");
      assertFalse(r.info().summary().endsWith("."), id + ": summary ends with a period");
      assertFalse(r.info().clause().isBlank(), id + ": no contract clause");
      assertTrue(r.documentation().startsWith("# " + id + ": " + r.info().summary()), id + ": doc title must be '# <id>: <summary>'");
      for (String section : List.of("## What is flagged", "## Why", "## How to fix", "## Known false positives"))
        assertTrue(r.documentation().contains(section), id + ": doc lacks " + section);

      List<Corpus.Case> cases = Corpus.casesIn(Corpus.RULES.resolve(id));
      int flagged = 0;
      int clean = 0;
      for (Corpus.Case c : cases) {
        boolean expects =
            Markers.read(c.files()).findings().stream()
                .anyMatch(m -> m.ruleId().equals(id) && m.kind() == Markers.Kind.EXPECT);
        if (expects) flagged++;
        else clean++;
      }
      assertTrue(flagged > 0, id + ": no fixture that must be flagged under corpus/rules/" + id);
      assertTrue(clean > 0, id + ": no fixture that must not be flagged under corpus/rules/" + id);
    }
  }

  @Test
  void everyMarkerNamesAKnownRuleAndEveryFixtureDirectoryARegisteredOne() throws IOException {
    Set<String> known = new TreeSet<>();
    for (RuleDescriptor r : BuiltinRules.all()) known.add(r.id());
    List<String> unknown = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Corpus.ROOT)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".c") || f.toString().endsWith(".h")).toList()) {
        if (p.startsWith(Corpus.ROOT.resolve("target"))) continue;
        for (Markers.Finding m : Markers.read(java.util.Map.of(p.toString(), p)).findings())
          if (!known.contains(m.ruleId())) unknown.add(m.ruleId() + " in " + m.file() + ":" + m.line());
      }
    }
    assertEquals(List.of(), unknown, "markers naming unknown rules");

    List<String> orphans = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Corpus.RULES)) {
      for (Path family : dirs.toList()) {
        try (Stream<Path> rules = Files.list(family)) {
          for (Path dir : rules.toList()) {
            String id = Corpus.RULES.relativize(dir).toString().replace('\\', '/');
            if (BuiltinRules.find(id) == null) orphans.add(id);
          }
        }
      }
    }
    assertEquals(List.of(), orphans, "fixture directories of unregistered rules");
  }
}
