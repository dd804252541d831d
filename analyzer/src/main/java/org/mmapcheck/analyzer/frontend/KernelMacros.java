package org.mmapcheck.analyzer.frontend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in dictionary of kernel macro stubs, read from {@code kernel-macros.h}. Keys are in the
 * form CDT's scanner info takes: {@code NAME} or {@code NAME(a, b)}.
 */
public final class KernelMacros {

  private KernelMacros() {}

  public static Map<String, String> load() {
    try (InputStream in = KernelMacros.class.getResourceAsStream("kernel-macros.h")) {
      if (in == null) throw new IllegalStateException("kernel-macros.h missing from the class path");
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> parse(BufferedReader reader) throws IOException {
    Map<String, String> macros = new LinkedHashMap<>();
    String line;
    while ((line = reader.readLine()) != null) {
      line = line.strip();
      if (!line.startsWith("#define ")) continue;
      String rest = line.substring("#define ".length()).strip();
      int nameEnd = 0;
      while (nameEnd < rest.length() && isIdentifierChar(rest.charAt(nameEnd))) nameEnd++;
      int keyEnd = nameEnd;
      if (keyEnd < rest.length() && rest.charAt(keyEnd) == '(') keyEnd = rest.indexOf(')', keyEnd) + 1;
      macros.put(rest.substring(0, keyEnd), rest.substring(keyEnd).strip());
    }
    return Collections.unmodifiableMap(macros);
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
