package org.mmapcheck.analyzer.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Kernel functions the rules know by what they do ("wait", "map", "zap", ...), read from
 * {@code kernel-api.txt} and, optionally, from a user's file in the same form.
 */
public final class KernelApi {

  private final Map<String, Set<String>> byCategory;

  private KernelApi(Map<String, Set<String>> byCategory) {
    this.byCategory = byCategory;
  }

  public static KernelApi builtin() {
    try (InputStream in = KernelApi.class.getResourceAsStream("kernel-api.txt")) {
      if (in == null) throw new IllegalStateException("kernel-api.txt missing from the class path");
      Map<String, Set<String>> m = new HashMap<>();
      read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), m, "kernel-api.txt");
      return new KernelApi(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** These names and those in the file; a malformed line is an {@link IllegalArgumentException}. */
  public KernelApi with(Path file) throws IOException {
    return with(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** These names and those in the text, in the file's form; {@code source} names it in errors. */
  public KernelApi with(String source, String text) {
    Map<String, Set<String>> m = new HashMap<>();
    byCategory.forEach((k, v) -> m.put(k, new HashSet<>(v)));
    try {
      read(new BufferedReader(new StringReader(text)), m, source);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return new KernelApi(m);
  }

  /** The functions of one category; empty for a category nobody named. */
  public Set<String> names(String category) {
    return Collections.unmodifiableSet(byCategory.getOrDefault(category, Set.of()));
  }

  /** Every function of every category: known by what it does, so its code is not followed. */
  public Set<String> allNames() {
    Set<String> all = new HashSet<>();
    byCategory.values().forEach(all::addAll);
    return all;
  }

  private static void read(BufferedReader reader, Map<String, Set<String>> into, String source)
      throws IOException {
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon <= 0)
        throw new IllegalArgumentException(source + ":" + number + ": expected 'category: name name ...'");
      Set<String> names = into.computeIfAbsent(line.substring(0, colon).strip(), k -> new HashSet<>());
      for (String name : line.substring(colon + 1).trim().split("\\s+"))
        if (!name.isEmpty()) names.add(name);
    }
  }
}
