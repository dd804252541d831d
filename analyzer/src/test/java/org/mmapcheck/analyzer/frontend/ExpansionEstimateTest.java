package org.mmapcheck.analyzer.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpansionEstimateTest {

  private static long tokens(String text) {
    return ExpansionEstimate.of(text.toCharArray(), Map.of()).tokens();
  }

  /** M1(x) is M0(M0(x)), M2(x) is M1(M1(x)), ... up to M{depth}. */
  static String doublingMacros(int depth) {
    StringBuilder s = new StringBuilder("#define M1(x) M0(M0(x))\n");
    for (int i = 2; i <= depth; i++) s.append("#define M").append(i).append("(x) M").append(i - 1).append("(M").append(i - 1).append("(x))\n");
    return s.toString();
  }

  @Test
  void plainCodeCountsItsTokens() {
    assertEquals(8, tokens("int f(void) { }\n/* a (comment) */ \"a string (with parens)\"\n"));
  }

  @Test
  void macrosCountWhatTheyExpandTo() {
    assertEquals(3, tokens("#define TWO(x) x x\nTWO(a) ;"));
    assertEquals(5, tokens("#define TWO(x) x x\nTWO(TWO(a)) ;"));
    assertEquals(5, tokens("#define OBJ (1 + \\\n 2)\nOBJ"), "continued lines");
    assertEquals(1, tokens("#define SELF SELF\nSELF"), "a macro does not expand inside itself");
    assertEquals(3, tokens("#define NOTFN (x)\nNOTFN"), "a space before ( makes it object-like");
  }

  @Test
  void exponentialMacrosAreSeenWithoutExpandingThem() {
    assertTrue(tokens(doublingMacros(30) + "M30(0)") > 1L << 30);
    assertTrue(tokens(doublingMacros(30) + "#define ALIAS M30\nALIAS(0)") > 1L << 30, "through an object-like alias");
    assertTrue(tokens("#define D(x) x x\n" + "D(".repeat(40) + "0" + ")".repeat(40)) >= 1L << 40, "nested at the call");
    assertTrue(tokens("#define V(...) __VA_ARGS__ __VA_ARGS__\n" + "V(1, ".repeat(40) + "0" + ")".repeat(40)) > 1L << 40);
  }

  private static long nesting(String text) {
    return ExpansionEstimate.of(text.toCharArray(), Map.of()).nesting();
  }

  @Test
  void parenthesesNestAsTheExpansionPutsThem() {
    assertEquals(2, nesting("int f(void) { return g(h(1)); }"));
    assertEquals(3, nesting("#define WRAP(x) (x)\nint a = WRAP(g(h(1)));"), "an argument nests where the body puts it");
    assertEquals(4, nesting("#define CALL(x) f(g(x))\nint a = CALL(CALL(0));"), "a call in an argument");
    assertEquals(0, nesting("#define DROP(x)\nint a = DROP((((0))));"), "an argument the body drops");
    assertEquals(1L << 20, nesting(doublingMacros(20).replace("#define M1(x) M0(M0(x))\n", "#define M1(x) f(f(x))\n") + "M20(0)"));
  }

  @Test
  void aCallThatNeverClosesDoesNotHideWhatFollows() {
    // A stub that drops its argument, called without a ")" (a typo, a mutated file): CDT expands
    // the rest of the file as code, so the rest counts in full.
    assertTrue(
        ExpansionEstimate.of(
                    ("DROP(a(b);\n" + doublingMacros(30) + "int f(void) { return M30(0); }\n").toCharArray(),
                    Map.of("DROP(x)", ""))
                .tokens()
            > 1L << 30);
  }

  @Test
  void stubsCountLikeTheFilesOwnMacros() {
    assertEquals(4, ExpansionEstimate.of("TWICE(a);".toCharArray(), Map.of("TWICE(x)", "x x x")).tokens());
  }
}
