package org.mmapcheck.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.frontend.CFileParser;
import org.mmapcheck.analyzer.frontend.KernelMacros;

/** What a local may hold where a step runs. */
class LocalsTest {

  private static FunctionDef function(String source) throws Exception {
    try (CFileParser parser = new CFileParser(KernelMacros.load(), 10_000)) {
      return parser.parse("f.c", source.toCharArray()).functions().get(0);
    }
  }

  /** The values of the local's stores that reach the function's last call. */
  private static List<String> reachingLastCall(FunctionDef f, String local) {
    Step call = f.steps().stream().filter(s -> s instanceof Step.CallStep).reduce((a, b) -> b).orElseThrow();
    return Locals.storesReaching(f, local, call).stream().map(st -> st.value().text()).toList();
  }

  /**
   * A store skipped by a jump does not replace what the local held before the jump where the
   * jump's label runs; before the label the jump's negation guards both, and after a store past
   * the label only that store reaches.
   */
  @Test
  void aStoreAJumpSkipsDoesNotReplaceAtItsLabel() throws Exception {
    FunctionDef f =
        function(
            """
            int f(struct vm_area_struct *vma, int bad, int late)
            {
            	int ret = -EINVAL;

            	if (bad)
            		goto out;
            	ret = remap(vma);
            	use_it(ret);
            	if (late) {
            		ret = -EIO;
            		goto unlock;
            	}
            	ret = 0;
            out:
            	note(ret);
            	{
            		ret = 1;
            unlock:
            		report(ret);
            	}
            	ret = 2;
            	vm_flags_set(vma, ret);
            	return ret;
            }
            """);
    assertEquals(List.of("remap(vma)"), storesReaching(f, "ret", "use_it"));
    assertEquals(List.of("-EINVAL", "remap(vma)", "0"), storesReaching(f, "ret", "note")); // the jump to unlock skips note
    assertEquals(List.of("-EINVAL", "remap(vma)", "-EIO", "0", "1"), storesReaching(f, "ret", "report"));
    assertEquals(List.of("2"), reachingLastCall(f, "ret"));
  }

  /** Kernel-style unwinding: two jumps on the same condition, each to its own label. */
  @Test
  void jumpsOnTheSameConditionEachHoldUpToTheirOwnLabel() throws Exception {
    FunctionDef f =
        function(
            """
            int f(struct vm_area_struct *vma)
            {
            	int ret = setup(vma);

            	if (ret)
            		goto fail;
            	ret = map(vma);
            	if (ret)
            		goto undo;
            	ret = 0;
            	done(ret);
            	return ret;
            undo:
            	unmap(vma, ret);
            fail:
            	report(ret);
            	return ret;
            }
            """);
    assertEquals(List.of("0"), storesReaching(f, "ret", "done"));
    assertEquals(List.of("map(vma)", "0"), storesReaching(f, "ret", "unmap"));
    assertEquals(List.of("setup(vma)", "map(vma)", "0"), storesReaching(f, "ret", "report"));
  }

  private static List<String> storesReaching(FunctionDef f, String local, String callee) {
    Step call = f.steps().stream().filter(s -> s instanceof Step.CallStep c && callee.equals(Expr.calleeName(c.call()))).findFirst().orElseThrow();
    return Locals.storesReaching(f, local, call).stream().map(st -> st.value().text()).toList();
  }

  @Test
  void aStoreThatAlwaysRunsReplacesOneInABranchOrAnUpdateAdds() throws Exception {
    FunctionDef f =
        function(
            """
            int f(struct vm_area_struct *vma, int cached)
            {
            	unsigned long flags = VM_IO;

            	flags = VM_PFNMAP;
            	if (cached)
            		flags = VM_DONTDUMP;
            	flags |= VM_DONTEXPAND;
            	flags = flags | VM_MIXEDMAP;
            	vm_flags_set(vma, flags);
            	return 0;
            }
            """);
    assertEquals(List.of("VM_PFNMAP", "VM_DONTDUMP", "VM_DONTEXPAND", "flags | VM_MIXEDMAP"), reachingLastCall(f, "flags"));
  }

  @Test
  void aStoreNoRunTakesWithTheStepDoesNotReachIt() throws Exception {
    FunctionDef f =
        function(
            """
            int f(struct vm_area_struct *vma, int bad, int split)
            {
            	unsigned long off = vma->vm_pgoff;

            	if (bad) {
            		off = 0;
            		return -EINVAL;
            	}
            	if (split)
            		off = 1;
            	else
            		use_it(off);
            	vm_flags_set(vma, off);
            	return 0;
            }
            """);
    Step use = f.steps().stream().filter(s -> s instanceof Step.CallStep c && Expr.calleeName(c.call()).equals("use_it")).findFirst().orElseThrow();
    assertEquals(List.of("vma->vm_pgoff"), Locals.storesReaching(f, "off", use).stream().map(st -> st.value().text()).toList());
    assertEquals(List.of("vma->vm_pgoff", "1"), reachingLastCall(f, "off"));
  }

  @Test
  void aStoreBeforeAnEarlyReturnStillReplaces() throws Exception {
    FunctionDef f =
        function(
            """
            int f(struct vm_area_struct *vma, int bad)
            {
            	unsigned long flags = VM_IO;

            	flags = VM_DONTEXPAND;
            	if (bad)
            		return -EINVAL;
            	vm_flags_set(vma, flags);
            	return 0;
            }
            """);
    assertEquals(List.of("VM_DONTEXPAND"), reachingLastCall(f, "flags"));
  }

  @Test
  void valuesAreFollowedThroughLocalsOnlyWhereTheyReach() throws Exception {
    FunctionDef f =
        function(
            """
            int f(struct vm_fault *vmf, struct page **pages)
            {
            	pgoff_t first = 0;
            	pgoff_t page = first;

            	use(pages[page]);
            	first = vmf->pgoff;
            	page = first;
            	use(pages[page]);
            	return 0;
            }
            """);
    List<Step> calls = f.steps().stream().filter(s -> s instanceof Step.CallStep).toList();
    Expr page = new Expr.Name("page", "page");
    assertFalse(Locals.mayCarry(f, calls.get(0), page, x -> x instanceof Expr.Member m && m.field().equals("pgoff")));
    assertTrue(Locals.mayCarry(f, calls.get(1), page, x -> x instanceof Expr.Member m && m.field().equals("pgoff")));
  }

  @Test
  void aFieldSavedOnlyToBePutBackIsNotReadButOneUsedIsRead() throws Exception {
    FunctionDef f =
        function(
            """
            int f(struct vm_area_struct *vma)
            {
            	unsigned long saved = vma->vm_pgoff;
            	unsigned long pgoff = vma->vm_pgoff;

            	vma->vm_pgoff = 0;
            	prepare(vma);
            	vma->vm_pgoff = saved;
            	return map(vma, pgoff);
            }
            """);
    List<Step.Store> copies =
        f.steps().stream().filter(s -> s instanceof Step.Store st && st.target() instanceof Expr.Name).map(s -> (Step.Store) s).toList();
    assertTrue(Locals.savesToRestore(f, copies.get(0), "vm_pgoff"));
    assertFalse(Locals.savesToRestore(f, copies.get(1), "vm_pgoff"));
  }
}
