package org.mmapcheck.analyzer.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Step;

class CFileParserTest {

  private static FileModel parse(String text) throws CFileParser.ParseFailure {
    try (CFileParser parser = new CFileParser(KernelMacros.load(), 10_000)) {
      return parser.parse("drivers/demo/demo.c", text.toCharArray());
    }
  }

  private static List<String> callees(FunctionDef f) {
    return f.steps().stream()
        .filter(s -> s instanceof Step.CallStep)
        .map(s -> Expr.calleeName(((Step.CallStep) s).call()))
        .toList();
  }

  @Test
  void kernelMacroSoupParsesCleanly() throws Exception {
    FileModel m =
        parse(
            """
            #include "demo_private.h"
            #include <linux/not-here.h>

            static int __must_check demo_copy(void __user *dst, struct demo *d)
            {
            	struct demo_engine *e;
            	unsigned int id;

            	for_each_engine(e, d->gt, id) {
            		demo_kick(e);
            	}
            	list_for_each_entry(e, &d->engines, link)
            		demo_flush(container_of(e, struct demo_engine, link));
            	return min_t(int, d->count, 4);
            }
            EXPORT_SYMBOL_GPL(demo_copy);
            """);
    assertEquals(0, m.problems(), "unresolved includes are by design; the rest parses");
    FunctionDef f = m.functions().get(0);
    assertEquals("demo_copy", f.name());
    assertEquals(4, f.location().line());
    assertEquals(List.of("demo_kick", "demo_flush"), callees(f));
  }

  /** The parser is given no bindings of GCC's builtins: a call of one, as a statement, is a call all the same. */
  @Test
  void aCallOfAGccBuiltinIsACall() throws Exception {
    FileModel m =
        parse(
            """
            static void demo_copy(void *dst, const void *src, unsigned long n)
            {
            	__builtin_memcpy(dst, src, n);
            	if (__builtin_expect(n == 0, 0))
            		__builtin_trap();
            	__builtin_prefetch(dst);
            }
            """);
    assertEquals(
        List.of("__builtin_memcpy", "__builtin_trap", "__builtin_prefetch"), callees(m.functions().get(0)));
  }

  @Test
  void aStubNamedOnlyInsideAnotherStubStillExpands() throws Exception {
    Map<String, String> stubs = Map.of("demo_wrap(x)", "demo_inner(x)", "demo_inner(x)", "(x)");
    try (CFileParser parser = new CFileParser(stubs, 10_000)) {
      FileModel m = parser.parse("drivers/demo/demo.c", "int demo(void) { return demo_get(demo_wrap(2)); }".toCharArray());
      assertEquals(List.of("demo_get"), callees(m.functions().get(0)));
    }
  }

  @Test
  void aDriverSpecificIteratorStillShowsWhatItReads() throws Exception {
    FunctionDef f =
        parse(
                """
                static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
                {
                	demo_for_each_page(buf->priv, vma->vm_pgoff) {
                		demo_insert(vma);
                	}
                	return 0;
                }
                """)
            .functions()
            .get(0);
    assertTrue(
        f.steps().stream().anyMatch(s -> s instanceof Step.Use u && Expr.mentionsField(u.expression(), "vm_pgoff")));
  }

  @Test
  void codeUnderAnyKernelOptionIsParsed() throws Exception {
    FileModel m =
        parse(
            """
            #ifdef CONFIG_DEMO_DMA
            static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
            {
            	return demo_map(vma);
            }
            #else
            static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
            {
            	return -ENODEV;
            }
            #endif
            """);
    assertEquals(1, m.functions().size(), "one body: the enabled branch's");
    assertEquals(List.of("demo_map"), callees(m.functions().get(0)));
  }

  @Test
  void aByteOrderMarkIsNotCode() throws Exception {
    FileModel m =
        parse(
            "\uFEFF#define OPS_NAME demo_ops\n"
                + "static const struct dma_buf_ops OPS_NAME = {\n\t.map_dma_buf = demo_map,\n};\n");
    assertEquals(List.of("demo_ops"), m.objects().stream().map(o -> o.path()).toList());
    assertEquals(2, m.objects().get(0).location().line());
  }

  @Test
  void macrosThatWouldExpandPastTheLimitAreNotHandedToTheParser() {
    // Thirty doublings: CDT expands the call whole, past its cancel flag (depth 24 took 43 s).
    String text = ExpansionEstimateTest.doublingMacros(30) + "int f(void)\n{\n\treturn M30(0);\n}\n";
    CFileParser.ParseFailure e = assertThrows(CFileParser.ParseFailure.class, () -> parse(text));
    assertTrue(e.getMessage().startsWith("macros expand to about "), e.getMessage());
  }

  @Test
  void macrosThatWouldNestTooDeepAreNotHandedToTheParser() {
    // M1 calls a name that is no macro: the output is only some 200,000 tokens, but its calls
    // nest as deep, and CDT's expander ran for minutes on a file like it (a fuzzed omap file).
    String text = ExpansionEstimateTest.doublingMacros(17).replace("#define M1(x) M0(M0(x))\n", "#define M1(x) f(f(x))\n")
        + "int g(void)\n{\n\treturn M17(0);\n}\n";
    CFileParser.ParseFailure e = assertThrows(CFileParser.ParseFailure.class, () -> parse(text));
    assertEquals("macros nest parentheses about 131072 deep, over the limit of 2000", e.getMessage());
  }

  @Test
  void aParseOverItsBudgetFailsAndSaysSo() {
    // A budget of 0 ms is over before the parse starts: no race with the clock.
    try (CFileParser parser = new CFileParser(KernelMacros.load(), 0)) {
      CFileParser.ParseFailure e =
          assertThrows(
              CFileParser.ParseFailure.class,
              () -> parser.parse("small.c", "int f(void) { return 0; }\n".toCharArray()));
      assertEquals("parse exceeded 0 ms", e.getMessage());
    }
  }

  /** Each call's guards, as "condition" or "not condition", outermost first. */
  private static Map<String, List<String>> guardsByCall(FunctionDef f) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (Step s : f.steps())
      if (s instanceof Step.CallStep c)
        out.put(
            Expr.calleeName(c.call()),
            s.guards().stream().map(g -> (g.holds() ? "" : "not ") + g.condition().text()).toList());
    return out;
  }

  @Test
  void stepsKeepTheConditionsThatGuardThem() throws Exception {
    FileModel m =
        parse(
            """
            int demo(struct demo *d)
            {
            	if (d->ops && d->ops->mmap) {
            		if (d->busy)
            			return own_busy(d);
            		return own(d);
            	}
            	first(d);
            	if (d->legacy)
            		legacy(d);
            	else
            		modern(d);
            	if (!d->ok)
            		goto out;
            	after_goto(d);
            out:
            	return last(d);
            }
            """);
    Map<String, List<String>> guards = guardsByCall(m.functions().get(0));
    assertEquals(List.of("d->ops && d->ops->mmap", "d->busy"), guards.get("own_busy"));
    assertEquals(List.of("d->ops && d->ops->mmap", "not d->busy"), guards.get("own"), "after an if that returns");
    assertEquals(List.of("not d->ops && d->ops->mmap"), guards.get("first"), "the fallback of an if that always returns");
    assertEquals(List.of("not d->ops && d->ops->mmap", "d->legacy"), guards.get("legacy"));
    assertEquals(List.of("not d->ops && d->ops->mmap", "not d->legacy"), guards.get("modern"));
    assertEquals(List.of("not d->ops && d->ops->mmap"), guards.get("last"), "a goto is not a return: the label runs either way");
  }

  @Test
  void operandsThatRunOnlyOnOneSideOfAConditionAreGuardedByIt() throws Exception {
    FileModel m =
        parse(
            """
            int demo(struct demo *d)
            {
            	if (!d->ops && set_default(d))
            		return -EINVAL;
            	d->ready || prepare(d);
            	return d->fast ? fast(d) : slow(d);
            }
            """);
    Map<String, List<String>> guards = guardsByCall(m.functions().get(0));
    assertEquals(List.of("!d->ops"), guards.get("set_default"), "the right operand of && runs when the left holds");
    assertEquals(List.of("not !d->ops && set_default(d)", "not d->ready"), guards.get("prepare"), "of || when it fails");
    assertEquals(List.of("not !d->ops && set_default(d)", "d->fast"), guards.get("fast"));
    assertEquals(List.of("not !d->ops && set_default(d)", "not d->fast"), guards.get("slow"));
  }

  /** A run of white space in an expression's text is one blank, white space past Latin-1 too. */
  @Test
  void anExpressionsTextHasOneBlankForEachRunOfWhiteSpace() throws Exception {
    FileModel m = parse("void f(int a) { g(a,\t\n  a, \"x\u3000\u2028y\"); }\n");
    Step.CallStep call = (Step.CallStep) m.functions().get(0).steps().get(0);
    assertEquals("g(a, a, \"x y\")", call.call().text());
  }

  /** Syntax problems count in the bodies the model walks and outside them, each once. */
  @Test
  void problemsCountInBodiesAndAtFileScope() throws Exception {
    FileModel m =
        parse(
            """
            int ok(void) { return 1; }
            int bad(void) { int x = ; return x; }
            int ) junk;
            static int both(int v) { if (v) { v = = 2; } return v; }
            """);
    assertEquals(List.of("ok", "bad", "both"), m.functions().stream().map(FunctionDef::name).toList());
    assertEquals(3, m.problems());
  }
}

