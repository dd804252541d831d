package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextEscapeTest {

  @Test
  void controlAndInvisibleCharactersBecomeEscapes() {
    assertEquals("a\\nb\\r\\tc", TextEscape.escape("a\nb\r\tc"));
    assertEquals("\\033[31mred\\177\\202", TextEscape.escape("\033[31mred\u007f\u0082"));
    assertEquals("admin\\u202e\\u2066\\u200b\\u2028", TextEscape.escape("admin\u202e\u2066\u200b\u2028"));
  }

  @Test
  void plainTextIsLeftAsItIs() {
    String text = "drivers/gpu/drm/ä_drv.c:12:3: error: 'x' [dmabuf/mmap-missing] \\n";
    assertSame(text, TextEscape.escape(text));
  }
}
