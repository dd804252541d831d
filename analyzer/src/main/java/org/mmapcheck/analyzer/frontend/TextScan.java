package org.mmapcheck.analyzer.frontend;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmapcheck.analyzer.model.Demand;

/**
 * Fast byte-level passes over a C file that need no parse: is it text, does it mention a trigger
 * word (so it is worth parsing, as grep would say), and which functions does it define (so a name
 * used elsewhere can be found without parsing the whole tree).
 */
public final class TextScan {

  /** How far into a file a NUL byte marks it as binary, as git and grep look. */
  private static final int BINARY_PROBE = 8000;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Lines that open a type, not a function, though they end in "(...) {". */
  private static final List<byte[]> TYPE_KEYWORDS =
      List.of("typedef ", "struct ", "union ", "enum ").stream().map(k -> k.getBytes(StandardCharsets.US_ASCII)).toList();

  private final byte[][] triggers;
  /** The byte pairs searched for, and for each the words (a bit each) anchored on it. */
  private final int[] pairs;
  private final int[] pairWords;
  /** Where in each word its anchor pair sits. */
  private final int[] anchorOffsets;

  public TextScan(List<String> triggerWords) {
    triggers = new byte[triggerWords.size()][];
    for (int i = 0; i < triggers.length; i++) {
      triggers[i] = triggerWords.get(i).getBytes(StandardCharsets.US_ASCII);
      if (triggers[i].length < 2) throw new IllegalArgumentException("trigger word too short: " + triggerWords.get(i));
    }
    anchorOffsets = new int[triggers.length];
    List<Integer> chosen = chooseAnchors();
    pairs = new int[chosen.size()];
    pairWords = new int[chosen.size()];
    for (int a = 0; a < pairs.length; a++) {
      pairs[a] = chosen.get(a);
      for (int w = 0; w < triggers.length; w++)
        if (pair(triggers[w], anchorOffsets[w]) == pairs[a]) pairWords[a] |= 1 << w;
    }
  }

  /**
   * Picks, for each word, a pair of adjacent bytes to look for, sharing pairs between words where
   * they can: each distinct pair costs a little on every 8 bytes scanned. A pair that starts with
   * '_' is preferred, as it marks the middle of an identifier and is rarer than letters alone.
   */
  private List<Integer> chooseAnchors() {
    List<Integer> chosen = new ArrayList<>();
    boolean[] done = new boolean[triggers.length];
    for (int left = triggers.length; left > 0; ) {
      int best = -1;
      int bestWords = 0;
      for (int w = 0; w < triggers.length; w++) {
        if (done[w]) continue;
        for (int k = 0; k + 1 < triggers[w].length; k++) {
          int pair = pair(triggers[w], k);
          int words = 0;
          for (int v = 0; v < triggers.length; v++) if (!done[v] && offsetOf(triggers[v], pair) >= 0) words++;
          int score = words * 2 + ((pair >>> 8) == '_' ? 1 : 0);
          if (score > bestWords) {
            bestWords = score;
            best = pair;
          }
        }
      }
      chosen.add(best);
      for (int v = 0; v < triggers.length; v++) {
        int at = done[v] ? -1 : offsetOf(triggers[v], best);
        if (at < 0) continue;
        anchorOffsets[v] = at;
        done[v] = true;
        left--;
      }
    }
    return chosen;
  }

  private static int pair(byte[] word, int k) {
    return (word[k] & 0xff) << 8 | (word[k + 1] & 0xff);
  }

  private static int offsetOf(byte[] word, int pair) {
    for (int k = 0; k + 1 < word.length; k++) if (pair(word, k) == pair) return k;
    return -1;
  }

  public static boolean isBinary(byte[] data, int length) {
    int end = Math.min(length, BINARY_PROBE);
    int i = 0;
    for (; i + 8 <= end; i += 8) if (bytesEqual((long) LONGS.get(data, i), 0) != 0) return true;
    for (; i < end; i++) if (data[i] == 0) return true;
    return false;
  }

  /**
   * Which trigger words occur anywhere in the text, bit i for word i. Eight bytes at a time are
   * tested for an anchor pair, one pass per distinct pair; only where one shows are words compared.
   */
  public int triggers(byte[] data, int length) {
    int mask = 0;
    for (int a = 0; a < pairs.length; a++) mask |= wordsAnchoredOn(data, length, a);
    return mask;
  }

  private int wordsAnchoredOn(byte[] data, int length, int anchor) {
    int words = pairWords[anchor];
    byte first = (byte) (pairs[anchor] >>> 8);
    byte second = (byte) pairs[anchor];
    long firstBytes = ONES * (first & 0xff);
    long secondBytes = ONES * (second & 0xff);
    int mask = 0;
    int i = 0;
    // Steps of 7, so that a pair split between two steps is whole in the second.
    for (; i + 8 <= length; i += 7) {
      long x = (long) LONGS.get(data, i);
      if ((zeroBytes(x ^ firstBytes) & (zeroBytes(x ^ secondBytes) >>> 8)) == 0) continue;
      for (int at = i; at < i + 7; at++)
        if (data[at] == first && data[at + 1] == second) mask |= wordsAt(data, length, at, words & ~mask);
      if (mask == words) return mask;
    }
    for (; i + 1 < length; i++)
      if (data[i] == first && data[i + 1] == second) mask |= wordsAt(data, length, i, words & ~mask);
    return mask;
  }

  /** Which of the words match whole where their anchor pair would sit at {@code at}. */
  private int wordsAt(byte[] data, int length, int at, int words) {
    int mask = 0;
    for (int w = 0; w < triggers.length; w++) {
      if ((words & (1 << w)) == 0) continue;
      int start = at - anchorOffsets[w];
      int end = start + triggers[w].length;
      if (start >= 0 && end <= length && Arrays.equals(data, start, end, triggers[w], 0, triggers[w].length))
        mask |= 1 << w;
    }
    return mask;
  }

  /**
   * A byte mask of the bytes of x equal to b: the high bit of each such byte set. A byte just
   * above an equal one may show too; callers check each hit.
   */
  private static long bytesEqual(long x, int b) {
    return zeroBytes(x ^ (ONES * b));
  }

  /** The high bit of each zero byte of v set (and maybe of a byte just above one). */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGHS;
  }

  /**
   * Whether the field is given a value: ".field =" in an initializer or a store, or "->field ="
   * in a store through a pointer (spaces allowed around the operators, "==" not).
   */
  public static boolean setsField(byte[] data, int length, String field) {
    byte[] f = field.getBytes(StandardCharsets.US_ASCII);
    for (int i = 1; i + f.length <= length; i++) {
      if (data[i] != f[0] || !Arrays.equals(data, i, i + f.length, f, 0, f.length)) continue;
      int j = i + f.length;
      if (j < length && isIdentPart(data[j])) continue;
      int before = skipBlanksBack(data, i - 1);
      boolean member = before >= 0 && (data[before] == '.' || (data[before] == '>' && before > 0 && data[before - 1] == '-'));
      if (!member) continue;
      while (j < length && (data[j] == ' ' || data[j] == '\t')) j++;
      if (j < length && data[j] == '=' && (j + 1 >= length || data[j + 1] != '=')) return true;
    }
    return false;
  }

  private static int skipBlanksBack(byte[] data, int i) {
    while (i >= 0 && (data[i] == ' ' || data[i] == '\t')) i--;
    return i;
  }

  /**
   * Names the file defines at file scope, found the way kernel style lays them out, which is much
   * faster than lexing: a function's body brace stands alone at the start of a line after its
   * parameter list, or ends a one-line "name(args) {" that starts at column 0; an initialized
   * variable's "= {" ends a line that starts at column 0 (its struct type is listed too, as
   * {@link Demand.Objects}); a struct definition ({@link Demand.Struct}) opens with "struct NAME {"
   * at column 0. Definitions written otherwise, or made by macros, are missed.
   */
  public static List<Demand> definitions(byte[] data, int length) {
    List<Demand> names = new ArrayList<>();
    for (int i = nextBrace(data, length, 1); i < length; i = nextBrace(data, length, i + 1)) {
      Demand name;
      if (data[i - 1] == '\n') {
        name = named(nameBeforeBody(data, i - 1));
      } else {
        int before = skipSpaceBack(data, i - 1);
        if (before > 0 && data[before] == '=') {
          name = startsAtColumnZero(data, before) ? named(nameBeforeEquals(data, before - 1)) : null;
          String type = name == null ? null : structTypeOnLine(data, before);
          if (type != null) names.add(new Demand.Objects(type));
        } else if (before > 0 && data[before] == ')' && opensFunctionOnItsLine(data, before, i, length)) {
          name = named(nameBeforeBody(data, before));
        } else {
          name = structBeforeBrace(data, before);
        }
      }
      if (name != null) names.add(name);
    }
    return names;
  }

  private static Demand named(String name) {
    return name == null ? null : new Demand.Named(name);
  }

  /** The first '{' at or after from, or length; eight bytes at a time. */
  private static int nextBrace(byte[] data, int length, int from) {
    int i = from;
    for (; i + 8 <= length; i += 8) {
      if (bytesEqual((long) LONGS.get(data, i), '{') == 0) continue;
      for (int at = i; at < i + 8; at++) if (data[at] == '{') return at;
    }
    for (; i < length; i++) if (data[i] == '{') return i;
    return length;
  }

  /** NAME from "struct NAME" before position i on its line, or null. */
  private static String structTypeOnLine(byte[] data, int i) {
    int lineStart = lineStart(data, i);
    String line = new String(data, lineStart, i - lineStart, StandardCharsets.US_ASCII);
    int at = line.indexOf("struct ");
    if (at < 0) return null;
    int start = at + "struct ".length();
    int end = start;
    while (end < line.length() && isIdentPart((byte) line.charAt(end))) end++;
    return end > start ? line.substring(start, end) : null;
  }

  /** The struct NAME of a line "struct NAME {" (or "typedef struct NAME {") at column 0. */
  private static Demand structBeforeBrace(byte[] data, int i) {
    int end = i + 1;
    while (i >= 0 && isIdentPart(data[i])) i--;
    int start = i + 1;
    if (start == end) return null;
    int lineStart = lineStart(data, start);
    String head = new String(data, lineStart, start - lineStart, StandardCharsets.US_ASCII);
    if (head.startsWith("typedef ")) head = head.substring("typedef ".length());
    if (!head.equals("struct ") && !head.equals("union ")) return null;
    return new Demand.Struct(new String(data, start, end - start, StandardCharsets.US_ASCII));
  }

  /**
   * "name(args) {" on one line from column 0: a function whose brace did not get a line of its
   * own. Not a type ("typedef struct __packed(...) {") and not a line of a macro body.
   */
  private static boolean opensFunctionOnItsLine(byte[] data, int close, int brace, int length) {
    if (!startsAtColumnZero(data, close)) return false;
    int lineEnd = brace;
    while (lineEnd < length && data[lineEnd] != '\n') lineEnd++;
    int lineStart = lineStart(data, close);
    if (continues(data, lineEnd) || (lineStart > 0 && continues(data, lineStart - 1))) return false;
    for (byte[] type : TYPE_KEYWORDS)
      if (Arrays.equals(data, lineStart, Math.min(length, lineStart + type.length), type, 0, type.length)) return false;
    return true;
  }

  /** Whether the line that ends at lineEnd (its '\n', or the end) ends in a backslash. */
  private static boolean continues(byte[] data, int lineEnd) {
    int i = lineEnd - 1;
    while (i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r')) i--;
    return i >= 0 && data[i] == '\\';
  }

  private static boolean startsAtColumnZero(byte[] data, int i) {
    return isIdentStart(data[lineStart(data, i)]);
  }

  /** Where the line holding position i starts. */
  private static int lineStart(byte[] data, int i) {
    while (i > 0 && data[i - 1] != '\n') i--;
    return i;
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
