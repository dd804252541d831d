package org.mmapcheck.analyzer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

  private static Demand named(String name) {
    return new Demand.Named(name);
  }
}
