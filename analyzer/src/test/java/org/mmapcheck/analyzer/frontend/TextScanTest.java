package org.mmapcheck.analyzer.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.model.Demand;

class TextScanTest {

  /** The definitions as text: a name, "struct T" or "objects T". */
  private static List<String> definitions(String text) {
    byte[] data = text.getBytes(StandardCharsets.US_ASCII);
    return TextScan.definitions(data, data.length).stream().map(TextScanTest::show).toList();
  }

  private static String show(Demand d) {
    if (d instanceof Demand.Named n) return n.name();
    if (d instanceof Demand.Struct s) return "struct " + s.name();
    if (d instanceof Demand.Objects o) return "objects " + o.type();
    throw new AssertionError("not a definition: " + d);
  }

  @Test
  void findsFunctionsTablesAndStructsLaidOutInKernelStyle() {
    String c =
        """
        static int __init demo_init(void)
        {
        	return demo_call(1);
        }

        static struct page *
        demo_lookup(struct demo *d, pgoff_t off)
        {
        	if (off) {
        		return NULL;
        	}
        }

        void demo_lock(struct demo *d) __acquires(&d->lock)
        {
        }

        static const struct vm_operations_struct demo_vm_ops = {
        	.fault = demo_fault,
        };

        static const struct dma_buf_ops demo_tables[] = {
        	{ .mmap = demo_mmap },
        };

        struct demo_device {
        	int id;
        };

        int demo_prototype(void);

        static inline int demo_stub(struct demo *d) { return 0; }

        #define DEMO_READ(x) \\
        static u##x \\
        demo_read##x(struct demo *d) { return 0; }

        typedef struct __attribute__((packed)) {
        	int id;
        } demo_packed;
        """;
    assertEquals(
        List.of(
            "demo_init", "demo_lookup", "demo_lock", "objects vm_operations_struct", "demo_vm_ops",
            "objects dma_buf_ops", "demo_tables", "struct demo_device", "demo_stub"),
        definitions(c));
  }

  @Test
  void triggerWordsCountAnywhereAsGrepWouldFindThem() {
    TextScan scan = TextScan.ofWords(List.of("dma_buf_ops", "drm_gem_object_funcs"));
    byte[] comment = "/* struct dma_buf_ops */".getBytes(StandardCharsets.US_ASCII);
    byte[] both = "virtio_dma_buf_ops x; drm_gem_object_funcs y;".getBytes(StandardCharsets.US_ASCII);
    byte[] none = "struct dma_buf *buf;".getBytes(StandardCharsets.US_ASCII);
    assertEquals(1, scan.triggers(comment, comment.length));
    assertEquals(3, scan.triggers(both, both.length));
    assertEquals(0, scan.triggers(none, none.length));
  }

  /** The words of a group share its bit, however many there are. */
  @Test
  void anyWordOfAGroupSetsTheGroupsBit() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) many.add("drv_zap_" + i);
    TextScan scan = new TextScan(List.of(List.of("dma_buf_ops"), many, List.of("drm_driver")));
    byte[] last = "x = drv_zap_39(o);".getBytes(StandardCharsets.US_ASCII);
    byte[] first = "dma_buf_ops; drv_zap_0(o); drm_driver".getBytes(StandardCharsets.US_ASCII);
    byte[] none = "drv_zap_(o);".getBytes(StandardCharsets.US_ASCII);
    assertEquals(2, scan.triggers(last, last.length));
    assertEquals(7, scan.triggers(first, first.length));
    assertEquals(0, scan.triggers(none, none.length));
  }

  @Test
  void triggerWordsAreFoundAtEveryOffsetAsContainsWouldFindThem() {
    List<String> words = List.of("dma_buf_ops", "drm_gem_object_funcs", "vm_operations_struct");
    TextScan scan = TextScan.ofWords(words);
    String[] pieces = {"dma_buf_ops", "drm_gem_object_funcs", "vm_operations_struct", "dma_buf_op", "_ops", "x", "\n", " ", "drm_gem_"};
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(6); n > 0; n--) text.append(pieces[random.nextInt(pieces.length)]);
      byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
      int expected = 0;
      for (int w = 0; w < words.size(); w++) if (text.indexOf(words.get(w)) >= 0) expected |= 1 << w;
      assertEquals(expected, scan.triggers(data, data.length), text.toString());
    }
  }

  /** A long text is searched in quarters side by side: a word is found wherever it sits, across a quarter's end too. */
  @Test
  void aWordIsFoundAnywhereInALongTextAcrossTheEndsOfItsQuarters() {
    List<String> words = List.of("dma_buf_ops", "drm_gem_object_funcs", "drm_driver");
    TextScan scan = TextScan.ofWords(words);
    String filler = "static int x_ops_driver(void) { return dma_buf_op + drm_gem_; }\n".repeat(160);
    Random random = new Random(7);
    int withWords = 0;
    for (int round = 0; round < 3_000; round++) {
      StringBuilder text = new StringBuilder(filler.substring(0, 4096 + random.nextInt(filler.length() - 4096)));
      for (int n = random.nextInt(3); n > 0; n--) {
        int w = random.nextInt(words.size());
        int quarter = text.length() / 4;
        // Near a quarter's end (where one search hands over to the next), or anywhere.
        int at = random.nextBoolean() ? quarter * (1 + random.nextInt(3)) - random.nextInt(25) : random.nextInt(text.length());
        text.insert(Math.max(0, Math.min(at, text.length())), words.get(w));
      }
      byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
      int found = 0;
      for (int w = 0; w < words.size(); w++) if (text.indexOf(words.get(w)) >= 0) found |= 1 << w;
      assertEquals(found, scan.triggers(data, data.length), "round " + round);
      if (found != 0) withWords++;
    }
    assertTrue(withWords > 1_500, withWords + " texts with words");
  }

  @Test
  void aFieldIsSetByADesignatorOrAStoreNotByAComparisonOrALongerName() {
    byte[] table = "static const struct drm_driver d = {\n\t.gem_prime_mmap\t= x,\n};".getBytes(StandardCharsets.US_ASCII);
    byte[] store = "drv.gem_prime_mmap=x;".getBytes(StandardCharsets.US_ASCII);
    byte[] throughPointer = "\tdrv->gem_prime_mmap = x;".getBytes(StandardCharsets.US_ASCII);
    byte[] others =
        "if (d.gem_prime_mmap == x) d.gem_prime_mmap_ex = y; .mmap = z; my_gem_prime_mmap = w; d->gem_prime_mmap(x);"
            .getBytes(StandardCharsets.US_ASCII);
    assertTrue(TextScan.setsField(table, table.length, "gem_prime_mmap"));
    assertTrue(TextScan.setsField(store, store.length, "gem_prime_mmap"));
    assertTrue(TextScan.setsField(throughPointer, throughPointer.length, "gem_prime_mmap"));
    assertFalse(TextScan.setsField(others, others.length, "gem_prime_mmap"));
  }

  @Test
  void aNulByteEarlyMarksBinary() {
    byte[] text = "int x;\n".getBytes(StandardCharsets.US_ASCII);
    byte[] binary = {'E', 'L', 'F', 0, 1};
    assertFalse(TextScan.isBinary(text, text.length));
    assertTrue(TextScan.isBinary(binary, binary.length));
  }
}
