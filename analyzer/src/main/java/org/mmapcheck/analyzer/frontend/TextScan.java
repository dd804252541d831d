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
   * Names the file defines at file scope: functions (an identifier before the first top-level
   * parenthesis of a declaration that goes on to a body) and initialized variables (the
   * identifier before a top-level '='). Comments, strings and preprocessor lines are skipped.
   */
  public static List<String> definitions(byte[] data, int length) {
    List<String> definitions = new ArrayList<>();
    int braceDepth = 0;
    int parenDepth = 0;
    boolean lineStart = true;
    boolean sawEquals = false;
    int identStart = -1;
    int identEnd = -1;
    int candidateStart = -1;
    int candidateEnd = -1;
    int i = 0;
    while (i < length) {
      if (braceDepth > 0) {
        // Inside a body or an initializer only braces, comments, literals and directives matter.
        while (i < length && !BODY_SPECIAL[data[i] & 0xff]) i++;
        if (i >= length) break;
      }
      byte c = data[i];
      if (c == '\n') {
        lineStart = true;
        i++;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
        continue;
      }
      if (c == '/' && i + 1 < length && (data[i + 1] == '*' || data[i + 1] == '/')) {
        i = skipComment(data, i, length);
        continue;
      }
      if (c == '#' && lineStart) {
        i = skipDirective(data, i, length);
        continue;
      }
      lineStart = false;
      if (c == '"' || c == '\'') {
        i++;
        while (i < length && data[i] != c && data[i] != '\n') i += data[i] == '\\' ? 2 : 1;
        i++;
        identStart = -1;
        continue;
      }
      if (braceDepth > 0) {
        i++;
        if (c == '{') braceDepth++;
        else if (c == '}' && --braceDepth == 0) {
          sawEquals = false;
          parenDepth = 0;
          identStart = -1;
        }
        continue;
      }
      if (isIdentStart(c)) {
        int start = i;
        while (i < length && isIdentPart(data[i])) i++;
        identStart = start;
        identEnd = i;
        continue;
      }
      if (c >= '0' && c <= '9') {
        while (i < length && (isIdentPart(data[i]) || data[i] == '.')) i++;
        identStart = -1;
        continue;
      }
      i++;
      switch (c) {
        case '(' -> {
          // Attribute macros (__printf(1, 2), __acquires(x)) may stand before or after the name.
          if (parenDepth == 0 && !sawEquals && identStart >= 0
              && (candidateStart < 0 || isAttribute(data, candidateStart))
              && !(candidateStart >= 0 && isAttribute(data, identStart))) {
            candidateStart = identStart;
            candidateEnd = identEnd;
          }
          parenDepth++;
        }
        case ')' -> parenDepth = Math.max(0, parenDepth - 1);
        case '{' -> {
          if (parenDepth == 0 && candidateStart >= 0 && !sawEquals) {
            definitions.add(
                new String(data, candidateStart, candidateEnd - candidateStart, StandardCharsets.US_ASCII));
          }
          candidateStart = -1;
          braceDepth++;
        }
        case '}' -> parenDepth = 0;
        case ';' -> {
          candidateStart = -1;
          sawEquals = false;
          parenDepth = 0;
        }
        case '=' -> {
          if (parenDepth == 0 && !sawEquals && identStart >= 0) {
            definitions.add(new String(data, identStart, identEnd - identStart, StandardCharsets.US_ASCII));
          }
          if (parenDepth == 0) sawEquals = true;
        }
        default -> {}
      }
      identStart = -1;
    }
    return definitions;
  }

  /** Bytes that can change the lexer's state inside braces. */
  private static final boolean[] BODY_SPECIAL = new boolean[256];

  static {
    for (char c : "{}/\"'\n#".toCharArray()) BODY_SPECIAL[c] = true;
  }

  /** From "/*" or "//" to just past the comment. */
  private static int skipComment(byte[] data, int i, int length) {
    if (data[i + 1] == '/') {
      while (i < length && data[i] != '\n') i++;
      return i;
    }
    i += 3;
    while (i < length && !(data[i] == '/' && data[i - 1] == '*')) i++;
    return i + 1;
  }

  /** From a directive's '#' to its end of line, across continuations and comments. */
  private static int skipDirective(byte[] data, int i, int length) {
    while (i < length) {
      byte c = data[i];
      if (c == '\n') {
        if (data[i - 1] != '\\' && !(data[i - 1] == '\r' && data[i - 2] == '\\')) return i;
        i++;
      } else if (c == '/' && i + 1 < length && data[i + 1] == '*') {
        i = skipComment(data, i, length);
      } else {
        i++;
      }
    }
    return i;
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
