package org.mmapcheck.analyzer.frontend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast byte-level pass over a C file that needs no parse: does the file mention any trigger
 * word (so it is worth parsing), and which functions does it define (so a name used elsewhere can
 * be found without parsing the whole tree). Comments, strings and preprocessor lines are skipped
 * for definitions; trigger words count anywhere outside comments.
 */
public final class TextScan {

  /** What the scan of one file found. */
  public record Result(boolean binary, boolean triggered, List<String> definitions) {}

  private final byte[][] triggers;

  public TextScan(List<String> triggerWords) {
    triggers = new byte[triggerWords.size()][];
    for (int i = 0; i < triggers.length; i++)
      triggers[i] = triggerWords.get(i).getBytes(StandardCharsets.US_ASCII);
  }

  public Result scan(byte[] data, int length) {
    List<String> definitions = new ArrayList<>();
    boolean triggered = false;
    int braceDepth = 0;
    int parenDepth = 0;
    boolean lineStart = true;
    boolean inDirective = false;
    boolean sawEquals = false;
    int identStart = -1;
    int identEnd = -1;
    int candidateStart = -1;
    int candidateEnd = -1;
    int i = 0;
    while (i < length) {
      byte c = data[i];
      if (c == 0) return new Result(true, false, List.of());
      if (c == '\n') {
        if (!(inDirective && i > 0 && data[i - 1] == '\\')) inDirective = false;
        lineStart = true;
        i++;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
        continue;
      }
      if (c == '/' && i + 1 < length && data[i + 1] == '*') {
        i += 2;
        while (i + 1 < length && !(data[i] == '*' && data[i + 1] == '/')) i++;
        i += 2;
        continue;
      }
      if (c == '/' && i + 1 < length && data[i + 1] == '/') {
        while (i < length && data[i] != '\n') i++;
        continue;
      }
      if (lineStart && c == '#') {
        inDirective = true;
      }
      lineStart = false;
      if (isIdentStart(c)) {
        int start = i;
        while (i < length && isIdentPart(data[i])) i++;
        if (!triggered && containsTrigger(data, start, i)) triggered = true;
        if (!inDirective) {
          identStart = start;
          identEnd = i;
        }
        continue;
      }
      if (c >= '0' && c <= '9') {
        while (i < length && (isIdentPart(data[i]) || data[i] == '.')) i++;
        identStart = -1;
        continue;
      }
      if (c == '"' || c == '\'') {
        i++;
        while (i < length && data[i] != c && data[i] != '\n') i += data[i] == '\\' ? 2 : 1;
        i++;
        identStart = -1;
        continue;
      }
      i++;
      if (inDirective) continue;
      switch (c) {
        case '(' -> {
          // Attribute macros (__printf(1, 2), __acquires(x)) may stand before or after the name.
          if (braceDepth == 0 && parenDepth == 0 && !sawEquals && identStart >= 0
              && (candidateStart < 0 || isAttribute(data, candidateStart))
              && !(candidateStart >= 0 && isAttribute(data, identStart))) {
            candidateStart = identStart;
            candidateEnd = identEnd;
          }
          parenDepth++;
        }
        case ')' -> parenDepth = Math.max(0, parenDepth - 1);
        case '{' -> {
          if (braceDepth == 0 && parenDepth == 0 && candidateStart >= 0 && !sawEquals) {
            definitions.add(
                new String(data, candidateStart, candidateEnd - candidateStart, StandardCharsets.US_ASCII));
          }
          candidateStart = -1;
          braceDepth++;
        }
        case '}' -> {
          braceDepth = Math.max(0, braceDepth - 1);
          if (braceDepth == 0) {
            sawEquals = false;
            parenDepth = 0;
          }
        }
        case ';' -> {
          if (braceDepth == 0) {
            candidateStart = -1;
            sawEquals = false;
            parenDepth = 0;
          }
        }
        case '=' -> {
          if (braceDepth == 0 && parenDepth == 0) sawEquals = true;
        }
        default -> {}
      }
      identStart = -1;
    }
    return new Result(false, triggered, definitions);
  }

  private boolean containsTrigger(byte[] data, int start, int end) {
    for (byte[] t : triggers) {
      int last = end - t.length;
      outer:
      for (int p = start; p <= last; p++) {
        for (int k = 0; k < t.length; k++) if (data[p + k] != t[k]) continue outer;
        return true;
      }
    }
    return false;
  }

  private static boolean isAttribute(byte[] data, int identStart) {
    return data[identStart] == '_' && data[identStart + 1] == '_';
  }

  private static boolean isIdentStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(byte c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }
}
