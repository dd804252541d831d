package org.mmapcheck.analyzer.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableMacrosTest {

  private static List<TableMacros.Definition> candidates(String header) {
    byte[] data = header.getBytes(StandardCharsets.ISO_8859_1);
    return TableMacros.candidates(data, data.length);
  }

  @Test
  void keepsDesignatorsAndLoneCallsButNotExpressionsOfConstants() {
    String header =
        """
        #define DEMO_OPS .mmap = demo_mmap, .vunmap = demo_vunmap
        #define DEMO_OPS_WITH(f) DEMO_OPS, .release = f
        #define DEMO_DEFAULT_OPS DEMO_OPS_WITH(demo_release)
        #define DEMO_COMMENTED DEMO_OPS /* the usual */
        #define DEMO_SPLIT \\
        \tDEMO_OPS_WITH(demo_split_release)
        #define DEMO_MASK (DEMO_A | DEMO_B)
        #define DEMO_FLAGS DEMO_A | DEMO_B
        #define DEMO_SHIFTED DEMO_A << 2
        #define DEMO_Mixed DEMO_a
        #define DEMO_ONE 1
        """;
    assertEquals(
        List.of("DEMO_OPS", "DEMO_DEFAULT_OPS", "DEMO_COMMENTED", "DEMO_SPLIT"),
        candidates(header).stream().map(TableMacros.Definition::name).toList());
    assertEquals("DEMO_OPS_WITH(demo_split_release)", candidates(header).get(3).body());
    assertEquals(List.of("", "DEMO_OPS_WITH", "DEMO_OPS", "DEMO_OPS_WITH"), candidates(header).stream().map(TableMacros.Definition::calls).toList());
  }

  /** Lines read from their bytes and lines read as text (a comment, a CR, a byte past ASCII) give the same parts. */
  @Test
  void aLoneCallHasTheSameKeyBodyAndCallWhateverElseTheLineHolds() {
    String header =
        "#define DEMO_TAB(x)\tDEMO_OPS_WITH(x)\t\n"
            + "#define DEMO_SPACED DEMO_OPS ()\n"
            + "#define DEMO_PLAIN DEMO_OPS\n"
            + "#define DEMO_CRLF DEMO_OPS\r\n"
            + "#define DEMO_LATIN(x) DEMO_OPS_WITH(x) /* \u00e9 */\n"
            + "#define DEMO_UNCLOSED(x DEMO_OPS\n"
            + "#define DEMO_TRAILING DEMO_OPS x\n";
    assertEquals(
        List.of(
            new TableMacros.Definition("DEMO_TAB", "DEMO_TAB(x)", "DEMO_OPS_WITH(x)", "DEMO_OPS_WITH"),
            new TableMacros.Definition("DEMO_SPACED", "DEMO_SPACED", "DEMO_OPS ()", "DEMO_OPS"),
            new TableMacros.Definition("DEMO_PLAIN", "DEMO_PLAIN", "DEMO_OPS", "DEMO_OPS"),
            new TableMacros.Definition("DEMO_CRLF", "DEMO_CRLF", "DEMO_OPS", "DEMO_OPS"),
            new TableMacros.Definition("DEMO_LATIN", "DEMO_LATIN(x)", "DEMO_OPS_WITH(x)", "DEMO_OPS_WITH")),
        candidates(header));
  }

  /** A line a backslash continues belongs to the define before it, whatever it starts with. */
  @Test
  void aContinuedLineIsNoDefineOfItsOwn() {
    String header =
        """
        #define CORE_ADD(x) \\
        	((x) + 1) \\
        #define CORE_INSIDE .mmap = core_inside_mmap
        #define CORE_OPS .mmap = core_mmap
        #define CORE_BODY(f) \\
        	.mmap = f
        """;
    assertEquals(List.of("CORE_OPS", "CORE_BODY"), candidates(header).stream().map(TableMacros.Definition::name).toList());
  }

  @Test
  void aLoneCallIsATableMacroOnlyWhereItLeadsToOne() {
    TableMacros macros =
        TableMacros.of(
            Map.of(
                "b.h", candidates("#define DEMO_DEFAULT_OPS DEMO_OPS\n#define DEMO_MASK GENMASK(3, 0)\n"),
                "a.h", candidates("#define DEMO_OPS .mmap = demo_mmap\n")));
    assertEquals(Map.of("DEMO_OPS", ".mmap = demo_mmap", "DEMO_DEFAULT_OPS", "DEMO_OPS"), macros.asStubs());
    byte[] table = "static const struct demo_funcs funcs = { DEMO_DEFAULT_OPS };".getBytes(StandardCharsets.US_ASCII);
    assertTrue(macros.setsFieldIn(table, table.length, "mmap"));
    assertFalse(macros.setsFieldIn(table, table.length, "vunmap"));
    byte[] longer = "{ DEMO_DEFAULT_OPS_V2 }".getBytes(StandardCharsets.US_ASCII);
    assertFalse(macros.setsFieldIn(longer, longer.length, "mmap"));
  }

  @Test
  void aChainOfLoneCallsLeadsToItsTableMacroAndACycleToNone() {
    TableMacros macros =
        TableMacros.of(
            Map.of(
                "a.h",
                candidates(
                    """
                    #define DEMO_TWO DEMO_ONE
                    #define DEMO_ONE DEMO_OPS
                    #define DEMO_OPS .mmap = demo_mmap
                    #define DEMO_PING DEMO_PONG
                    #define DEMO_PONG DEMO_PING
                    """)));
    assertEquals(Set.of("DEMO_OPS", "DEMO_ONE", "DEMO_TWO"), macros.asStubs().keySet());
    byte[] table = "{ DEMO_TWO }".getBytes(StandardCharsets.US_ASCII);
    assertTrue(macros.setsFieldIn(table, table.length, "mmap"));
  }

  /**
   * Longer chains than the narrowing follows are still followed, and a name's first definition
   * in header order wins wherever it sits on a chain.
   */
  @Test
  void aLongChainIsFollowedAndAFirstDefinitionWins() {
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i < 12; i++) chain.append("#define DEMO_").append(i).append(" DEMO_").append(i + 1).append('\n');
    chain.append("#define DEMO_12 .mmap = demo_mmap\n");
    TableMacros macros =
        TableMacros.of(
            Map.of(
                "b.h", candidates(chain.toString()),
                "a.h", candidates("#define DEMO_6 DEMO_MASK_OF(3)\n")));
    assertEquals(Set.of("DEMO_7", "DEMO_8", "DEMO_9", "DEMO_10", "DEMO_11", "DEMO_12"), macros.asStubs().keySet());
    assertEquals(
        Set.of("DEMO_0", "DEMO_1", "DEMO_2", "DEMO_3", "DEMO_4", "DEMO_5", "DEMO_6", "DEMO_7", "DEMO_8", "DEMO_9", "DEMO_10", "DEMO_11", "DEMO_12"),
        TableMacros.of(Map.of("b.h", candidates(chain.toString()))).asStubs().keySet());
  }
}
