package org.mmapcheck.analyzer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.model.Expr;

class KernelApiTest {

  @TempDir Path dir;

  @Test
  void everyCategoryHasBuiltinNames() {
    for (Category c : Category.values()) assertFalse(KernelApi.builtin().names(c).isEmpty(), c.label());
  }

  @Test
  void aUsersFileAddsNamesToAKnownCategoryOnly() throws IOException {
    Path api = Files.writeString(dir.resolve("api.txt"), "# ours\nwait: my_wait\n");
    KernelApi added = KernelApi.builtin().with(api);
    assertTrue(added.names(Category.WAIT).contains("my_wait"));
    assertTrue(added.names(Category.WAIT).contains("dma_fence_wait"));

    Files.writeString(api, "wait: my_wait\nwiat: my_other_wait\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelApi.builtin().with(api));
    assertTrue(e.getMessage().startsWith(api + ":2: unknown category 'wiat'; known: wait, map, dma-mmap, "), e.getMessage());
  }

  @Test
  void aTestOnlyWaitNamesItsArgumentAndValue() throws IOException {
    Path api = Files.writeString(dir.resolve("api.txt"), "wait-test-only: my_wait:2=0\n");
    assertTrue(KernelApi.builtin().with(api).names(Category.WAIT_TEST_ONLY).contains("my_wait:2=0"));
    assertTrue(KernelApi.builtin().with(api).testOnlyWaits().contains(new KernelApi.TestOnlyWait("my_wait", 1, "0")));

    Files.writeString(api, "wait-test-only: my_wait:0=true\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelApi.builtin().with(api));
    assertEquals(api + ":1: expected 'name:N=value' in wait-test-only, not 'my_wait:0=true'", e.getMessage());
  }

  @Test
  void aMappingCallsProtectionIsTheArgumentItsEntryNames() throws IOException {
    Path api = Files.writeString(dir.resolve("api.txt"), "map-prot: my_remap:3\n");
    Expr.Call call =
        new Expr.Call(
            new Expr.Name("my_remap", "my_remap"),
            List.of(new Expr.Name("vma", "vma"), new Expr.Name("pfn", "pfn"), new Expr.Name("prot", "prot")),
            "my_remap(vma, pfn, prot)");
    assertEquals("prot", KernelApi.builtin().with(api).protectionArgument(call).text());
    assertNull(KernelApi.builtin().protectionArgument(call));
    assertTrue(KernelApi.builtin().with(api).allNames().contains("my_remap"));
    assertFalse(KernelApi.builtin().with(api).allNames().stream().anyMatch(n -> n.contains(":")), "entries give their names");

    Files.writeString(api, "map-prot: my_remap\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelApi.builtin().with(api));
    assertEquals(api + ":1: expected 'name:N' in map-prot, not 'my_remap'", e.getMessage());
  }

  @Test
  void textThatIsNotUtf8NamesItsLine() throws IOException {
    Path api = Files.write(dir.resolve("api.txt"), new byte[] {'#', '\n', 'w', 'a', 'i', 't', ':', ' ', (byte) 0xe9, '\n'});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelApi.builtin().with(api));
    assertEquals(api + ":2: not UTF-8 text", e.getMessage());
  }
}
