package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.source.MemoryTree;

/** Lines read again from a tree are numbered as the parser numbers them. */
class TreeLinesTest {

  @Test
  void linesEndAtNewlinesOnlyAndAFinalNewlineEndsTheLastLine() {
    // MemoryTree stores each char as one byte: \u00ff is a byte that is no UTF-8.
    TreeLines lines =
        new TreeLines(new MemoryTree(Map.of("a.c", "one\r\ntwo\rstill two\n\nfour \u00ff\n\n", "b.c", "no newline")));
    assertEquals(List.of("one\r", "two\rstill two", "", "four \ufffd", ""), lines.of("a.c"));
    assertEquals(List.of("no newline"), lines.of("b.c"));
  }

  @Test
  void aFileThatCannotBeReadHasNoLines() {
    assertEquals(List.of(), new TreeLines(new MemoryTree(Map.of())).of("gone.c"));
  }
}
