package org.mmapcheck.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Functions and tables key maps by where they are and by id, never by their whole contents. */
class KeysTest {

  private static FunctionDef function(Location at, List<Step> steps) {
    return new FunctionDef("f", true, TypeRef.UNKNOWN, at, at, List.of(), List.of(), steps, List.of(), List.of());
  }

  @Test
  void aFunctionIsKnownByTheLocationOfItsName() {
    Location at = Location.at("drivers/x.c", 3, 12);
    Step body = new Step.Return(new Expr.Literal("0"), at);
    FunctionDef empty = function(at, List.of());
    FunctionDef full = function(at, List.of(body));
    assertEquals(empty, full);
    assertEquals(empty.hashCode(), full.hashCode());
    assertNotEquals(empty, function(Location.at("drivers/x.c", 9, 12), List.of()));
  }

  @Test
  void aTableIsKnownByItsId() {
    Location at = Location.at("drivers/x.c", 5, 1);
    OpsTable bare = new OpsTable("drivers/x.c:ops", "dma_buf_ops", at, false, Map.of(), List.of());
    OpsTable bound =
        new OpsTable(
            "drivers/x.c:ops",
            "dma_buf_ops",
            at,
            false,
            Map.of("mmap", List.of(new OpsTable.Binding("mmap", new Expr.Name("x_mmap", "x_mmap"), at, null))),
            List.of());
    assertEquals(bare, bound);
    assertEquals(bare.hashCode(), bound.hashCode());
    assertNotEquals(bare, new OpsTable("drivers/y.c:ops", "dma_buf_ops", at, false, Map.of(), List.of()));
  }
}
