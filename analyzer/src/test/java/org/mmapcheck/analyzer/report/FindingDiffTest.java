package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Location;

class FindingDiffTest {

  private static Finding finding(String file, int line) {
    return new Finding("r", Severity.WARNING, "m", Location.at(file, line, 1), "f", List.of(), List.of());
  }

  private static FindingKey key(String function, String exporter, String statement) {
    return new FindingKey("r", function, List.of(exporter), statement);
  }

  @Test
  void pairsByWholeKeyThenWithoutExportersThenByFunction() {
    Finding kept = finding("a.c", 1), shared = finding("a.c", 2), rewritten = finding("a.c", 3), gone = finding("a.c", 4);
    Finding keptNow = finding("a.c", 11), sharedNow = finding("a.c", 12), rewrittenNow = finding("a.c", 13);
    Finding second = finding("a.c", 14), fresh = finding("b.c", 1);
    Map<Finding, FindingKey> base = new LinkedHashMap<>();
    base.put(kept, key("f", "x.c: exporter x", "wait();"));
    base.put(shared, key("g", "x.c: exporter x", "zap();"));
    base.put(rewritten, key("h", "x.c: exporter x", "old_wait();"));
    base.put(gone, key("k", "x.c: exporter x", "map();"));
    Map<Finding, FindingKey> head = new LinkedHashMap<>();
    head.put(keptNow, key("f", "x.c: exporter x", "wait();"));
    head.put(sharedNow, key("g", "y.c: exporter y", "zap();"));
    head.put(rewrittenNow, key("h", "x.c: exporter x", "new_wait();"));
    head.put(second, key("f", "x.c: exporter x", "wait_again();"));
    head.put(fresh, key("n", "b.c: exporter b", "map();"));
    FindingDiff diff = FindingDiff.of(base, head);
    assertEquals(List.of(second, fresh), diff.added());
    assertEquals(List.of(keptNow, sharedNow, rewrittenNow), diff.unchanged());
    assertEquals(List.of(gone), diff.removed());
  }
}
