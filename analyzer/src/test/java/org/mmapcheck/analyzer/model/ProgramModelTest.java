package org.mmapcheck.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.frontend.CFileParser;
import org.mmapcheck.analyzer.frontend.KernelMacros;

/** Cross-file resolution, exporter forms, and calls through ops fields, on small programs. */
class ProgramModelTest {

  private static ProgramModel model(Map<String, String> files) throws Exception {
    List<FileModel> parsed = new ArrayList<>();
    try (CFileParser parser = new CFileParser(KernelMacros.load(), 10_000)) {
      for (var e : files.entrySet()) parsed.add(parser.parse(e.getKey(), e.getValue().toCharArray()));
    }
    return new ProgramModel(parsed);
  }

  @Test
  void aStaticFunctionShadowsAGlobalOneOfTheSameName() throws Exception {
    ProgramModel m =
        model(
            Map.of(
                "a.c", "static int f(void)\n{\n\treturn 1;\n}\nstatic const struct dma_buf_ops a_ops = { .mmap = f };\n",
                "b.c", "int f(void)\n{\n\treturn 2;\n}\n",
                "c.c", "static const struct dma_buf_ops c_ops = { .mmap = f };\n",
                "d.c", "static int g(void)\n{\n\treturn 3;\n}\n"));
    assertEquals("a.c", m.resolveFunction("f", "a.c").file());
    assertEquals("b.c", m.resolveFunction("f", "c.c").file());
    assertNull(m.resolveFunction("g", "c.c"), "a static function of another .c file is never a candidate");
  }

  @Test
  void everyFormOfExporterIsATable() throws Exception {
    ProgramModel m =
        model(
            Map.of(
                "w.h", "struct wrap { struct dma_buf_ops ops; int x; };\nstruct dev { struct dma_buf_ops ops; };\n",
                "w.c",
                """
                static const struct wrap w = { .ops = { .mmap = m1 } };
                static const struct dma_buf_ops arr[] = { { .mmap = m2 }, { .mmap = m3 } };
                static const struct dma_buf_ops plain = { .mmap = m4 };
                void init(struct dev *d, const struct dma_buf_ops *base)
                {
                	DEFINE_DMA_BUF_EXPORT_INFO(exp_info);

                	d->ops = *base;
                	d->ops.mmap = m5;
                	exp_info.ops = &plain;
                }
                """));
    List<String> ids = m.opsTables("dma_buf_ops").stream().map(OpsTable::id).toList();
    assertEquals(List.of("w.c:w.ops", "w.c:arr[0]", "w.c:arr[1]", "w.c:plain", "w.c:struct dev.ops"), ids);
    OpsTable runtime = m.opsTables("dma_buf_ops").get(4);
    assertEquals(1, runtime.copies().size());
    assertEquals("m5", Expr.functionName(runtime.bindings("mmap").get(0).value()));
  }

  @Test
  void aCallThroughAnOpsFieldReachesEveryFunctionStoredThere() throws Exception {
    ProgramModel m =
        model(
            Map.of(
                "gem.h",
                "struct gem_funcs { int (*mmap)(struct gem *g); };\nstruct gem { const struct gem_funcs *funcs; };\n",
                "a.c",
                "static int a_mmap(struct gem *g)\n{\n\treturn 0;\n}\nstatic const struct gem_funcs a_funcs = { .mmap = a_mmap };\n",
                "b.c",
                "static int b_mmap(struct gem *g)\n{\n\treturn 0;\n}\nstatic const struct gem_funcs b_funcs = { .mmap = b_mmap };\n",
                "core.c",
                "int core_mmap(struct gem *obj)\n{\n\treturn obj->funcs->mmap(obj);\n}\n"));
    FunctionDef core = m.resolveFunction("core_mmap", "core.c");
    List<String> reached = m.reachable(core, 2).keySet().stream().map(FunctionDef::name).sorted().toList();
    assertEquals(List.of("a_mmap", "b_mmap", "core_mmap"), reached);
    assertEquals(List.of(), m.reachable(core, 2, false, java.util.Set.of()).keySet().stream().skip(1).toList());
  }

  @Test
  void aCallbackLookingAtItsOwnObjectsTableSeesOnlyTheTablesThatHoldIt() throws Exception {
    ProgramModel m =
        model(
            Map.of(
                "gem.h",
                "struct gem_funcs { int (*mmap)(struct gem *g); int (*pin)(struct gem *g); };\n"
                    + "struct gem { const struct gem_funcs *funcs; };\n",
                "a.c",
                """
                static int a_pin(struct gem *g)
                {
                	return 0;
                }
                static int a_mmap(struct gem *obj)
                {
                	return obj->funcs->pin(obj);
                }
                static const struct gem_funcs a_funcs = { .mmap = a_mmap, .pin = a_pin };
                """,
                "b.c",
                "static int b_pin(struct gem *g)\n{\n\treturn 1;\n}\nstatic const struct gem_funcs b_funcs = { .pin = b_pin };\n"));
    FunctionDef aMmap = m.resolveFunction("a_mmap", "a.c");
    List<String> reached = m.reachable(aMmap, 2).keySet().stream().map(FunctionDef::name).sorted().toList();
    assertEquals(List.of("a_mmap", "a_pin"), reached, "b_pin belongs to another driver's objects");
  }

  @Test
  void seenFromADriverACallThroughObjFuncsReachesThatDriversTables() throws Exception {
    String gem = "struct gem_funcs { int (*mmap)(struct gem *obj); };\nstruct gem { const struct gem_funcs *funcs; };\n";
    String caller = "int %s(struct gem *obj)\n{\n\treturn obj->funcs->mmap(obj);\n}\n";
    ProgramModel m =
        model(
            Map.of(
                "include/gem.h", gem,
                "drm/core.c", String.format(caller, "core_mmap") + "static const struct gem_funcs helper_funcs = { .mmap = helper_mmap };\n",
                "drm/a/a.c", String.format(caller, "a_mmap") + "static const struct gem_funcs a_funcs = { .mmap = a_obj_mmap };\n",
                "drm/b/b.c", "static const struct gem_funcs b_funcs = { .mmap = b_obj_mmap };\n",
                "drm/c/c.c", String.format(caller, "c_mmap")));
    List<String> calls = new ArrayList<>();
    for (String f : List.of("a_mmap", "core_mmap", "c_mmap")) {
      FunctionDef fn = m.functionsNamed(f).get(0);
      Expr.Call call =
          fn.steps().stream().filter(Step.CallStep.class::isInstance).map(st -> ((Step.CallStep) st).call()).findFirst().orElseThrow();
      calls.add(m.seenFrom(ProgramModel.directory(fn.file())).tablesHeldBy(((Expr.Member) Expr.strip(call.callee())).base(), true, fn)
          .stream().map(OpsTable::name).sorted().toList().toString());
    }
    assertEquals(
        List.of("[a_funcs]", "[a_funcs, b_funcs, helper_funcs]", "[a_funcs, b_funcs, helper_funcs]"),
        calls,
        "a driver's own tables; the subsystem's whole set from its top; all where a directory has none");
  }

  @Test
  void anExternDeclarationInAHeaderNamesTheTableDefinedElsewhere() throws Exception {
    ProgramModel m =
        model(
            Map.of(
                "include/demo/vma.h", "extern const struct vm_operations_struct demo_vm_ops;\n",
                "drivers/demo/demo.c", "const struct vm_operations_struct demo_vm_ops = { .fault = demo_fault };\n"));
    OpsTable t = m.opsTable(new Expr.Name("demo_vm_ops", "demo_vm_ops"), "vm_operations_struct", "include/demo/vma.h");
    assertEquals("drivers/demo/demo.c:demo_vm_ops", t == null ? null : t.id());
  }

  /** Directories only count, whole names only: a file's own name, or a prefix of a directory's, is not shared. */
  @Test
  void sharedDirectoriesAreWholeLeadingDirectories() {
    assertEquals(2, ProgramModel.sharedDirectoryDepth("drivers/gpu/a.c", "drivers/gpu/b.c"));
    assertEquals(1, ProgramModel.sharedDirectoryDepth("drivers/gpu/a.c", "drivers/misc/a.c"));
    assertEquals(1, ProgramModel.sharedDirectoryDepth("drivers/gpu.c", "drivers/gpu/a.c"));
    assertEquals(0, ProgramModel.sharedDirectoryDepth("drm/a.c", "dr/ma.c"));
    assertEquals(0, ProgramModel.sharedDirectoryDepth("a.c", "a.c"));
    assertEquals(1, ProgramModel.sharedDirectoryDepth("include/linux/mm.h", "include/uapi/mm.h"));
  }
}
