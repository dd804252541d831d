package org.mmapcheck.analyzer.frontend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fast byte-level passes over a C file that need no parse: is it text, does it mention a trigger
 * word (so it is worth parsing, as grep would say), and which functions does it define (so a name
 * used elsewhere can be found without parsing the whole tree).
 */
public final class TextScan {

  /** How far into a file a NUL byte marks it as binary, as git and grep look. */
  private static final int BINARY_PROBE = 8000;

  private final byte[][] triggers;
  private final int[][] skips;

  public TextScan(List<String> triggerWords) {
    triggers = new byte[triggerWords.size()][];
    skips = new int[triggers.length][];
    for (int i = 0; i < triggers.length; i++) {
      byte[] t = triggerWords.get(i).getBytes(StandardCharsets.US_ASCII);
      triggers[i] = t;
      int[] skip = new int[256];
      java.util.Arrays.fill(skip, t.length);
      for (int k = 0; k < t.length - 1; k++) skip[t[k] & 0xff] = t.length - 1 - k;
      skips[i] = skip;
    }
  }

  public static boolean isBinary(byte[] data, int length) {
    int end = Math.min(length, BINARY_PROBE);
    for (int i = 0; i < end; i++) if (data[i] == 0) return true;
    return false;
  }

  /** Which trigger words occur anywhere in the text, bit i for word i (Boyer-Moore-Horspool). */
  public int triggers(byte[] data, int length) {
    int mask = 0;
    for (int i = 0; i < triggers.length; i++) {
      byte[] t = triggers[i];
      int[] skip = skips[i];
      int last = t.length - 1;
      int pos = 0;
      while (pos + last < length) {
        int k = last;
        while (k >= 0 && data[pos + k] == t[k]) k--;
        if (k < 0) {
          mask |= 1 << i;
          break;
        }
        pos += skip[data[pos + last] & 0xff];
      }
    }
    return mask;
  }

  /**
   * Names the file defines at file scope, found the way kernel style lays them out, which is much
   * faster than lexing: a function's body brace stands alone at the start of a line after its
   * parameter list; an initialized variable's "= {" ends a line that starts at column 0 (its
   * struct type is listed too, as "objects TYPE"); a struct definition ("struct NAME" in the
   * list) opens with "struct NAME {" at column 0. Definitions written otherwise, or made by
   * macros, are missed.
   */
  public static List<String> definitions(byte[] data, int length) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i < length; i++) {
      if (data[i] != '{') continue;
      String name;
      if (data[i - 1] == '\n') {
        name = nameBeforeBody(data, i - 1);
      } else {
        int before = skipSpaceBack(data, i - 1);
        if (before > 0 && data[before] == '=') {
          name = startsAtColumnZero(data, before) ? nameBeforeEquals(data, before - 1) : null;
          String type = name == null ? null : structTypeOnLine(data, before);
          if (type != null) names.add("objects " + type);
        } else {
          name = structBeforeBrace(data, before);
        }
      }
      if (name != null) names.add(name);
    }
    return names;
  }

  /** NAME from "struct NAME" before position i on its line, or null. */
  private static String structTypeOnLine(byte[] data, int i) {
    int lineStart = i;
    while (lineStart > 0 && data[lineStart - 1] != '\n') lineStart--;
    String line = new String(data, lineStart, i - lineStart, StandardCharsets.US_ASCII);
    int at = line.indexOf("struct ");
    if (at < 0) return null;
    int start = at + "struct ".length();
    int end = start;
    while (end < line.length() && isIdentPart((byte) line.charAt(end))) end++;
    return end > start ? line.substring(start, end) : null;
  }

  /** "struct NAME" for a line "struct NAME {" (or "typedef struct NAME {") at column 0. */
  private static String structBeforeBrace(byte[] data, int i) {
    int end = i + 1;
    while (i >= 0 && isIdentPart(data[i])) i--;
    int start = i + 1;
    if (start == end) return null;
    int lineStart = start;
    while (lineStart > 0 && data[lineStart - 1] != '\n') lineStart--;
    String head = new String(data, lineStart, start - lineStart, StandardCharsets.US_ASCII);
    if (head.startsWith("typedef ")) head = head.substring("typedef ".length());
    if (!head.equals("struct ") && !head.equals("union ")) return null;
    return "struct " + new String(data, start, end - start, StandardCharsets.US_ASCII);
  }

  private static boolean startsAtColumnZero(byte[] data, int i) {
    while (i > 0 && data[i - 1] != '\n') i--;
    return isIdentStart(data[i]);
  }

  /** The variable before "= {", past any array brackets: {@code foo_ops[] = {}. */
  private static String nameBeforeEquals(byte[] data, int i) {
    i = skipSpaceBack(data, i);
    while (i >= 0 && data[i] == ']') {
      while (i >= 0 && data[i] != '[') i--;
      i = skipSpaceBack(data, i - 1);
    }
    int end = i + 1;
    while (i >= 0 && isIdentPart(data[i])) i--;
    int start = i + 1;
    return start < end && isIdentStart(data[start]) ? new String(data, start, end - start, StandardCharsets.US_ASCII) : null;
  }

  /**
   * Walks back from a body's brace to the function's name: the identifier before the leftmost of
   * the ")"-closed groups there, as attribute macros (__acquires(x)) may follow the parameters.
   */
  private static String nameBeforeBody(byte[] data, int i) {
    String name = null;
    for (int groups = 0; groups < 4; groups++) {
      i = skipSpaceBack(data, i);
      if (i < 0 || data[i] != ')') return name;
      int depth = 0;
      for (; i >= 0; i--) {
        if (data[i] == ')') depth++;
        else if (data[i] == '(' && --depth == 0) break;
        else if (data[i] == ';' || data[i] == '}' || data[i] == '{') return name;
      }
      i = skipSpaceBack(data, i - 1);
      int end = i + 1;
      while (i >= 0 && isIdentPart(data[i])) i--;
      int start = i + 1;
      if (start == end || !isIdentStart(data[start])) return name;
      name = new String(data, start, end - start, StandardCharsets.US_ASCII);
    }
    return name;
  }

  private static int skipSpaceBack(byte[] data, int i) {
    while (i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) i--;
    return i;
  }

  private static boolean isIdentStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(byte c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }
}
