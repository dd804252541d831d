package org.mmapcheck.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsTableTest {

  private static OpsTable table(String file, String name) {
    return new OpsTable(file + ":" + name, "dma_buf_ops", Location.at(file, 1, 1), false, Map.of(), List.of());
  }

  @Test
  void theNameIsWhatFollowsTheFileEvenWhenTheFileNameHoldsAColon() {
    assertEquals("col_ops", table("drivers/x/a:b.c", "col_ops").name());
    assertEquals("wrap.ops", table("drivers/x/a:b:c.c", "wrap.ops").name());
    assertEquals("struct foo_device.ops", table("y.c", "struct foo_device.ops").name());
  }
}
