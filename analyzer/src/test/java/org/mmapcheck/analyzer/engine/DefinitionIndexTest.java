package org.mmapcheck.analyzer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefinitionIndexTest {

  @Test
  void findsEveryFileThatDefinesANameAmongMany() {
    DefinitionIndex index = new DefinitionIndex();
    for (int f = 0; f < 200; f++) {
      List<String> names = new ArrayList<>();
      for (int n = 0; n < 50; n++) names.add("fn_" + f + "_" + n);
      names.add("shared_helper");
      index.add("drivers/f" + f + ".c", names);
    }
    index.add("drivers/empty.c", List.of());
    assertEquals(Set.of("drivers/f7.c"), index.filesDefining(List.of("fn_7_49")));
    assertEquals(Set.of("drivers/f3.c", "drivers/f199.c"), index.filesDefining(List.of("fn_3_0", "fn_199_1", "nowhere")));
    assertEquals(200, index.filesDefining(List.of("shared_helper")).size());
    assertEquals(Set.of(), index.filesDefining(List.of("fn_200_0", "")));
  }
}
