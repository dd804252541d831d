package org.mmapcheck.analyzer.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RecentNamesTest {

  @Test
  void handsOutTheSameStringForTheSameCharacters() {
    RecentNames names = new RecentNames();
    char[] text = "dma_buf dma_buf".toCharArray();
    String first = names.of(text, 0, 7);
    assertEquals("dma_buf", first);
    assertSame(first, names.of(text, 8, 15));
  }

  @Test
  void keepsEachRunApartWhenTheirHashesMeet() {
    // "Aa" and "BB" have the same String hash, so they share a slot.
    RecentNames names = new RecentNames();
    char[] text = "Aa BB Aa".toCharArray();
    assertEquals("Aa", names.of(text, 0, 2));
    assertEquals("BB", names.of(text, 3, 5));
    assertEquals("Aa", names.of(text, 6, 8));
  }

  @Test
  void tellsRunsOfOneLengthApart() {
    RecentNames names = new RecentNames();
    char[] text = "vm_ops vm_opt".toCharArray();
    assertEquals("vm_ops", names.of(text, 0, 6));
    assertEquals("vm_opt", names.of(text, 7, 13));
  }
}
