package org.mmapcheck.analyzer.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceLinesTest {

  @Test
  void commentsAreToldApartFromLiterals() {
    SourceLines lines =
        SourceLines.of(
            """
            x = "/* not a comment */"; // one
            c = '"'; /* two */ y = 1;
            s = "a \\" // still a string";
            """);
    assertEquals(
        List.of(new SourceLines.Comment(1, 30, " one"), new SourceLines.Comment(2, 12, " two ")),
        lines.comments());
    assertEquals(';', lines.lastCode(1));
    assertEquals(';', lines.lastCode(2));
  }

  @Test
  void aBlockCommentGivesAPieceForEachLineWithTextAndLinesWithoutCode() {
    SourceLines lines =
        SourceLines.of(
            "int f(void)\r\n{\r\n\t/*\r\n\t * first\r\n\r\n\t */ return 0;\r\n}\r\n");
    assertEquals(
        List.of(
            new SourceLines.Comment(4, 1, "\t * first"),
            new SourceLines.Comment(6, 1, "\t ")),
        lines.comments());
    assertTrue(lines.opensBrace(2));
    assertFalse(lines.opensBrace(1));
    assertFalse(lines.hasCode(3));
    assertFalse(lines.isBlank(5), "inside a comment, an empty line is a comment line");
    assertTrue(lines.hasCode(6));
    assertEquals('r', lines.firstCode(6));
    assertEquals(';', lines.lastCode(6));
    assertTrue(lines.isBlank(8), "the empty last line");
    assertFalse(lines.hasCode(99), "past the end");
  }
}
