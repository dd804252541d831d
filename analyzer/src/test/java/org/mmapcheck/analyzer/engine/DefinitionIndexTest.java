package org.mmapcheck.analyzer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.model.Demand;

class DefinitionIndexTest {

  @Test
  void findsEveryFileThatDefinesANameAmongMany() {
    DefinitionIndex index = new DefinitionIndex();
    for (int f = 0; f < 200; f++) {
      List<Demand> names = new ArrayList<>();
      for (int n = 0; n < 50; n++) names.add(named("fn_" + f + "_" + n));
      names.add(named("shared_helper"));
      index.add("drivers/f" + f + ".c", index.hashes(names));
    }
    index.add("drivers/empty.c", new long[0]);
    index.add("drivers/types.c", index.hashes(List.of(new Demand.Struct("fn_7_49"), new Demand.Objects("fn_7_49"))));
    assertEquals(Set.of("drivers/f7.c"), index.filesDefining(List.of(named("fn_7_49"))));
    assertEquals(
        Set.of("drivers/f3.c", "drivers/f199.c"),
        index.filesDefining(List.of(named("fn_3_0"), named("fn_199_1"), named("nowhere"))));
    assertEquals(200, index.filesDefining(List.of(named("shared_helper"))).size());
    assertEquals(Set.of(), index.filesDefining(List.of(named("fn_200_0"), named(""))));
    assertEquals(Set.of("drivers/types.c"), index.filesDefining(List.of(new Demand.Struct("fn_7_49"))), "a struct is not a function of the same name");
  }

  @Test
  void aTextIsHashedFromItsBytesAsItsDefinitionsAreAsDemands() {
    DefinitionIndex index = new DefinitionIndex();
    byte[] driver =
        ("static const struct dma_buf_ops demo_ops = {\n\t.mmap = demo_mmap,\n};\n"
                + "struct demo_buffer {\n\tint size;\n};\n"
                + "static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)\n{\n\treturn 0;\n}\n")
            .getBytes(StandardCharsets.US_ASCII);
    long[] fromBytes = index.hashes(driver, driver.length);
    assertArrayEquals(
        index.hashes(List.of(new Demand.Objects("dma_buf_ops"), named("demo_ops"), new Demand.Struct("demo_buffer"), named("demo_mmap"))),
        fromBytes);
    index.add("drivers/demo.c", fromBytes);
    assertEquals(Set.of("drivers/demo.c"), index.filesDefining(List.of(named("demo_mmap"))));
    byte[] tool = "int main(int argc, char **argv)\n{\n\treturn 0;\n}\nstatic void helper(void)\n{\n}\n".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(new long[0], index.hashes(tool, tool.length), "a host program, built apart from the kernel, defines nothing for the index");
  }

  private static Demand named(String name) {
    return new Demand.Named(name);
  }
}
