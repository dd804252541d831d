package org.mmapcheck.analyzer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.frontend.CFileParser;
import org.mmapcheck.analyzer.frontend.KernelMacros;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Step;

class ModelFormatTest {

  /** Every kind of record and expression the model has, guards nested two deep. */
  private static final String SOURCE =
      """
      struct demo_buf { struct page **pages; unsigned long size; int flags; };
      typedef struct demo_buf demo_buf_t;
      static int demo_count;

      static vm_fault_t demo_fault(struct vm_fault *vmf)
      {
      	struct demo_buf *buf = vmf->vma->vm_private_data;
      	pgoff_t pgoff = vmf->pgoff;
      	unsigned long pfn;

      	if (pgoff >= buf->size >> PAGE_SHIFT)
      		return VM_FAULT_SIGBUS;
      	if (buf->flags & 1) {
      		if (!buf->pages[pgoff])
      			return VM_FAULT_OOM;
      		pfn = page_to_pfn(buf->pages[pgoff]);
      	} else {
      		pfn = (unsigned long)(buf->flags ? 0 : -1);
      	}
      	demo_count++;
      	return vmf_insert_pfn(vmf->vma, vmf->address, pfn);
      }

      static const struct vm_operations_struct demo_vm_ops = {
      	.fault = demo_fault,
      };

      static int demo_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma)
      {
      	vma->vm_ops = &demo_vm_ops;
      	vma->vm_private_data = dmabuf->priv;
      	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
      	return 0;
      }

      static const struct dma_buf_ops demo_ops = {
      	.mmap = demo_mmap,
      	.cache_sgt_mapping = true,
      };

      struct demo_wrapper { struct dma_buf_ops ops; int id; } demo_wrapped = { .ops = { .mmap = demo_mmap }, .id = 2 };

      static int demo_retry(struct demo_buf *buf)
      {
      	int tries = 0;
      again:
      	while (buf->flags)
      		tries++;
      	if (tries < 3)
      		goto again;
      	return tries;
      }
      """;

  private static FileModel parse() throws CFileParser.ParseFailure {
    try (CFileParser parser = new CFileParser(KernelMacros.load(), 10_000)) {
      return parser.parse("drivers/demo/demo.c", SOURCE.toCharArray());
    }
  }

  @Test
  void aModelReadsBackAsItWasWritten() throws Exception {
    FileModel model = parse();
    FileModel read = ModelFormat.read(ByteBuffer.wrap(ModelFormat.write(model)));

    // FunctionDef is equal by location alone: compare what it holds too.
    assertEquals(model, read);
    assertEquals(model.functions().size(), read.functions().size());
    for (int i = 0; i < model.functions().size(); i++) {
      FunctionDef f = model.functions().get(i);
      FunctionDef g = read.functions().get(i);
      assertEquals(
          List.of(f.name(), f.isStatic(), f.returnType(), f.end(), f.params(), f.locals(), f.steps(), f.repeats(), f.labels()),
          List.of(g.name(), g.isStatic(), g.returnType(), g.end(), g.params(), g.locals(), g.steps(), g.repeats(), g.labels()));
    }
    assertEquals(List.copyOf(model.typedefs().keySet()), List.copyOf(read.typedefs().keySet()));
    assertTrue(model.objects().stream().anyMatch(o -> !o.parts().isEmpty()), "the source has a nested initializer");
    assertTrue(steps(model).anyMatch(s -> s.guards().size() == 2), "the source has guards two deep");
    FunctionDef retry = model.functions().stream().filter(f -> f.name().equals("demo_retry")).findFirst().orElseThrow();
    assertEquals(List.of(2, 1), List.of(retry.repeats().size(), retry.labels().size()), "a loop and a jump back, and a label");
  }

  @Test
  void whatTheParseSharedStaysShared() throws Exception {
    FileModel model = parse();
    FileModel read = ModelFormat.read(ByteBuffer.wrap(ModelFormat.write(model)));

    int shared = distinctGuardLists(model);
    assertTrue(shared < steps(model).count(), "steps of a block share their guard list");
    assertEquals(shared, distinctGuardLists(read));
  }

  @Test
  void bytesCutShortAnywhereAreAnErrorNotAModel() throws Exception {
    byte[] bytes = ModelFormat.write(parse());
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThrows(IOException.class, () -> ModelFormat.read(ByteBuffer.wrap(cut)), "cut at " + length);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IOException.class, () -> ModelFormat.read(ByteBuffer.wrap(longer)));
  }

  private static Stream<Step> steps(FileModel model) {
    return model.functions().stream().flatMap(f -> f.steps().stream());
  }

  private static int distinctGuardLists(FileModel model) {
    Set<List<Step.Guard>> lists = Collections.newSetFromMap(new IdentityHashMap<>());
    steps(model).forEach(s -> lists.add(s.guards()));
    return lists.size();
  }
}
