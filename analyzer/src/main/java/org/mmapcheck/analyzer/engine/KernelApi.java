package org.mmapcheck.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.model.Expr;

/**
 * Kernel functions the rules know by what they do ("wait", "map", "zap", ...), read from
 * {@code kernel-api.txt} and, optionally, from a user's file in the same form.
 */
public final class KernelApi {

  /** What a kernel function does, as the rules ask for it; spelled in the files as {@link #label()}. */
  public enum Category {
    WAIT,
    MAP,
    DMA_MMAP,
    NONCOHERENT_DMA_MMAP,
    NONCOHERENT_DMA_ATTR,
    PGOFF_AWARE,
    ZAP,
    FAKE_OFFSET,
    FAKE_OFFSET_ZAP,
    RESV_ASSERT,
    RESV_LOCK,
    SET_FILE,
    VM_FLAGS,
    CACHE_MAINTENANCE,
    CACHE_FOR_CPU,
    CACHE_FOR_DEVICE,
    STREAMING_DMA,
    UNCACHED_PROT,
    PROT_CHOICE,
    /** {@code name:N}: the mapping call maps with the page protection given as its Nth argument. */
    MAP_PROT,
    /** {@code name:N=value}: the wait only tests when its Nth argument is written as value. */
    WAIT_TEST_ONLY,
    SETS_VM_IO("VM_IO"),
    SETS_VM_PFNMAP("VM_PFNMAP"),
    SETS_VM_MIXEDMAP("VM_MIXEDMAP"),
    SETS_VM_DONTEXPAND("VM_DONTEXPAND"),
    SETS_VM_DONTDUMP("VM_DONTDUMP"),
    CORE;

    private final String vmFlag;

    Category() {
      this(null);
    }

    Category(String vmFlag) {
      this.vmFlag = vmFlag;
    }

    /** For a {@code sets-vm-*} category, the vma flag its functions set themselves; else null. */
    public String vmFlag() {
      return vmFlag;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Category of(String label) {
      for (Category c : values()) if (c.label().equals(label)) return c;
      return null;
    }
  }

  /** An entry of {@link Category#WAIT_TEST_ONLY}: a function, an argument's place from 1, its value. */
  private static final Pattern TEST_ONLY_ENTRY = Pattern.compile("([A-Za-z_]\\w*):([1-9][0-9]?)=(\\S+)");

  /** A wait that only tests when its argument (counted from 0) is written as the value. */
  public record TestOnlyWait(String function, int argument, String value) {}

  /** An entry of {@link Category#MAP_PROT}: a mapping function, the place of its protection from 1. */
  private static final Pattern PROT_ENTRY = Pattern.compile("([A-Za-z_]\\w*):([1-9][0-9]?)");

  private final Map<Category, Set<String>> byCategory;
  /** The {@link Category#MAP_PROT} entries, read: function to its protection's place, from 0. */
  private final Map<String, Integer> protectionArguments = new HashMap<>();

  private KernelApi(Map<Category, Set<String>> byCategory) {
    this.byCategory = byCategory;
    for (String entry : names(Category.MAP_PROT)) {
      Matcher m = PROT_ENTRY.matcher(entry);
      if (m.matches()) protectionArguments.put(m.group(1), Integer.parseInt(m.group(2)) - 1);
    }
  }

  public static KernelApi builtin() {
    try (InputStream in = KernelApi.class.getResourceAsStream("kernel-api.txt")) {
      if (in == null) throw new IllegalStateException("kernel-api.txt missing from the class path");
      Map<Category, Set<String>> m = new EnumMap<>(Category.class);
      read(in.readAllBytes(), m, "kernel-api.txt");
      return new KernelApi(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * These names and those in the file. A malformed line, an unknown category or text that is not
   * UTF-8 is an {@link IllegalArgumentException} naming the line.
   */
  public KernelApi with(Path file) throws IOException {
    return with(file.toString(), Files.readAllBytes(file));
  }

  /** These names and those in the text, in the file's form; {@code source} names it in errors. */
  public KernelApi with(String source, String text) {
    return with(source, text.getBytes(StandardCharsets.UTF_8));
  }

  private KernelApi with(String source, byte[] bytes) {
    Map<Category, Set<String>> m = new EnumMap<>(Category.class);
    byCategory.forEach((k, v) -> m.put(k, new HashSet<>(v)));
    read(bytes, m, source);
    return new KernelApi(m);
  }

  /** The functions of one category; empty for a category nobody named. */
  public Set<String> names(Category category) {
    return Collections.unmodifiableSet(byCategory.getOrDefault(category, Set.of()));
  }

  /** The {@link Category#WAIT_TEST_ONLY} entries, read: each was checked for its form when read. */
  public List<TestOnlyWait> testOnlyWaits() {
    List<TestOnlyWait> waits = new ArrayList<>();
    for (String entry : names(Category.WAIT_TEST_ONLY)) {
      Matcher m = TEST_ONLY_ENTRY.matcher(entry);
      if (m.matches()) waits.add(new TestOnlyWait(m.group(1), Integer.parseInt(m.group(2)) - 1, m.group(3)));
    }
    return waits;
  }

  /** The page protection a call of a {@link Category#MAP_PROT} function maps with; null for another call. */
  public Expr protectionArgument(Expr.Call call) {
    Integer at = protectionArguments.get(Expr.calleeName(call));
    return at == null || at >= call.args().size() ? null : call.args().get(at);
  }

  /** The functions that set this vma flag themselves, as remap_pfn_range() sets VM_DONTEXPAND. */
  public Set<String> setting(String vmFlag) {
    for (Category c : Category.values())
      if (vmFlag.equals(c.vmFlag())) return names(c);
    return Set.of();
  }

  /** Every entry by category, sorted: the same text for two that know the same entries. */
  public String entries() {
    StringBuilder text = new StringBuilder();
    byCategory.forEach((category, names) -> text.append(category.label()).append(':').append(new TreeSet<>(names)).append('\n'));
    return text.toString();
  }

  /**
   * Every function of every category: known by what it does, so its code is not followed. An
   * entry of a {@code name:N...} category gives its name.
   */
  public Set<String> allNames() {
    Set<String> all = new HashSet<>();
    byCategory.values().forEach(names -> names.forEach(n -> all.add(n.contains(":") ? n.substring(0, n.indexOf(':')) : n)));
    return all;
  }

  private static void read(byte[] bytes, Map<Category, Set<String>> into, String source) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(in).toString();
    } catch (CharacterCodingException e) {
      // The decoder stops at the first byte it cannot read: name its line.
      int line = 1;
      for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
      throw new IllegalArgumentException(source + ":" + line + ": not UTF-8 text");
    }
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon <= 0)
        throw new IllegalArgumentException(source + ":" + number + ": expected 'category: name name ...'");
      String label = line.substring(0, colon).strip();
      Category category = Category.of(label);
      if (category == null)
        throw new IllegalArgumentException(
            source + ":" + number + ": unknown category '" + label + "'; known: "
                + Arrays.stream(Category.values()).map(Category::label).collect(Collectors.joining(", ")));
      Set<String> names = into.computeIfAbsent(category, k -> new HashSet<>());
      for (String name : line.substring(colon + 1).trim().split("\\s+")) {
        if (name.isEmpty()) continue;
        if (category == Category.WAIT_TEST_ONLY && !TEST_ONLY_ENTRY.matcher(name).matches())
          throw new IllegalArgumentException(source + ":" + number + ": expected 'name:N=value' in " + label + ", not '" + name + "'");
        if (category == Category.MAP_PROT && !PROT_ENTRY.matcher(name).matches())
          throw new IllegalArgumentException(source + ":" + number + ": expected 'name:N' in " + label + ", not '" + name + "'");
        names.add(name);
      }
    }
  }
}
