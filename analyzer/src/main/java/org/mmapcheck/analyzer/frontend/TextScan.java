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

  /**
   * Lines that open a type, not a function, though they end in "(...) {". An array, as the other
   * word lists here: C1 makes an iterator for each loop over a list, a million a tree.
   */
  private static final byte[][] TYPE_KEYWORDS = asciiWords("typedef ", "struct ", "union ", "enum ");

  private static final byte[] STRUCT = ascii("struct ");

  /** What may come before a struct's name on the line that opens its definition. */
  private static final byte[][] STRUCT_HEADS = asciiWords("struct ", "union ", "typedef struct ", "typedef union ");

  private final byte[][] triggers;
  /** The bit of each word: that of its group. */
  private final int[] bits;
  /** A bit for each group. */
  private final int all;
  /** How many bytes of each word the search window holds: the shortest word's length, at most 64. */
  private final int window;
  /**
   * How far the window may move on when it ends in a given byte pair: as far as keeps the pair
   * clear of every word's first {@code window} bytes (Horspool's rule on pairs, as in Wu and
   * Manber's multi-word search). In C text most pairs occur in no word, so most steps skip
   * {@code window - 1} bytes. {@link #COMPARE} where the pair ends a word's window: the words
   * are compared there.
   */
  private final byte[] shifts = new byte[1 << 16];

  /** The shift of a pair that ends a word's window: negative, so that four shifts are told apart from it at once. */
  private static final byte COMPARE = -1;

  /** A word a group: bit i for word i. */
  public static TextScan ofWords(List<String> words) {
    return new TextScan(words.stream().map(List::of).toList());
  }

  /** Groups of words, bit i for any word of group i: at most 31 groups, of any number of words. */
  public TextScan(List<List<String>> groups) {
    if (groups.size() >= Integer.SIZE) throw new IllegalArgumentException("more than 31 groups of trigger words");
    all = (1 << groups.size()) - 1;
    int count = groups.stream().mapToInt(List::size).sum();
    triggers = new byte[count][];
    bits = new int[count];
    int shortest = Integer.MAX_VALUE;
    int i = 0;
    for (int g = 0; g < groups.size(); g++)
      for (String word : groups.get(g)) {
        triggers[i] = word.getBytes(StandardCharsets.US_ASCII);
        if (triggers[i].length < 2) throw new IllegalArgumentException("trigger word too short: " + word);
        bits[i] = 1 << g;
        shortest = Math.min(shortest, triggers[i].length);
        i++;
      }
    window = Math.min(shortest, 64);
    Arrays.fill(shifts, (byte) (window - 1));
    for (byte[] word : triggers)
      for (int end = 1; end < window; end++) {
        int pair = pair(word, end - 1);
        shifts[pair] = (byte) Math.min(shifts[pair], end == window - 1 ? COMPARE : window - 1 - end);
      }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[][] asciiWords(String... words) {
    return Arrays.stream(words).map(TextScan::ascii).toArray(byte[][]::new);
  }

  private static int pair(byte[] data, int at) {
    return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
  }

  public static boolean isBinary(byte[] data, int length) {
    int end = Math.min(length, BINARY_PROBE);
    return next(data, end, 0, (byte) 0) < end;
  }

  /**
   * Which groups of trigger words occur anywhere in the text, bit i for group i: one pass, reading the byte
   * pair at the end of a window of the text and moving on by its shift; only where that is 0 are
   * the words compared. Each step waits for the one before (where the window ends depends on the
   * last shift read), so a text of some size is searched as four quarters side by side, each
   * window by the quarter it ends in: the four chains of steps overlap in the CPU, about twice as
   * fast as one over a kernel tree.
   */
  public int triggers(byte[] data, int length) {
    if (length < SIDE_BY_SIDE) return triggers(data, length, window - 1, length, 0);
    int q = length / 4;
    int e0 = window - 1;
    int e1 = q;
    int e2 = 2 * q;
    int e3 = 3 * q;
    int found = 0;
    while (e0 < q && e1 < 2 * q && e2 < 3 * q && e3 < length) {
      int s0 = shift(data, e0);
      int s1 = shift(data, e1);
      int s2 = shift(data, e2);
      int s3 = shift(data, e3);
      if ((s0 | s1 | s2 | s3) < 0) {
        if (s0 < 0) found |= wordsAt(data, length, e0 + 1 - window, found);
        if (s1 < 0) found |= wordsAt(data, length, e1 + 1 - window, found);
        if (s2 < 0) found |= wordsAt(data, length, e2 + 1 - window, found);
        if (s3 < 0) found |= wordsAt(data, length, e3 + 1 - window, found);
        if (found == all) return found;
        s0 = Math.max(s0, 1);
        s1 = Math.max(s1, 1);
        s2 = Math.max(s2, 1);
        s3 = Math.max(s3, 1);
      }
      e0 += s0;
      e1 += s1;
      e2 += s2;
      e3 += s3;
    }
    found = triggers(data, length, e0, q, found);
    found = triggers(data, length, e1, 2 * q, found);
    found = triggers(data, length, e2, 3 * q, found);
    return triggers(data, length, e3, length, found);
  }

  /** Texts shorter than this are searched in one go: there is little to overlap. */
  private static final int SIDE_BY_SIDE = 4096;

  /** The groups found so far and those of the words in the windows that end from {@code end} up to {@code limit}. */
  private int triggers(byte[] data, int length, int end, int limit, int found) {
    while (end < limit && found != all) {
      int shift = shift(data, end);
      if (shift > 0) {
        end += shift;
        continue;
      }
      found |= wordsAt(data, length, end + 1 - window, found);
      end++;
    }
    return found;
  }

  /** The shift for the window that ends at {@code end}. */
  private int shift(byte[] data, int end) {
    return shifts[(data[end - 1] & 0xff) << 8 | (data[end] & 0xff)];
  }

  /** The groups, not yet found, of the words that start at {@code start}. */
  private int wordsAt(byte[] data, int length, int start, int found) {
    int mask = 0;
    for (int w = 0; w < triggers.length; w++) {
      byte[] word = triggers[w];
      int end = start + word.length;
      if ((found & bits[w]) == 0 && end <= length && data[start] == word[0] && Arrays.equals(data, start, end, word, 0, word.length))
        mask |= bits[w];
    }
    return mask;
  }

  /**
   * The high bit of each zero byte of v set. A byte just above a zero one may show too: callers
   * check each hit.
   */
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
      if (j < length && CChars.isNamePart(data[j])) continue;
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

  /** The kinds of definition the text can tell, as {@link Demand}s name them. */
  public enum Kind {
    /** {@link Demand.Named} */
    NAMED,
    /** {@link Demand.Struct} */
    STRUCT,
    /** {@link Demand.Objects} */
    OBJECTS
  }

  /** Takes each definition as it is found: its kind, and where its name is in the text. */
  public interface DefinitionSink {
    void add(Kind kind, byte[] data, int start, int end);
  }

  /** As {@link #definitions(byte[], int, DefinitionSink)}, as demands. */
  public static List<Demand> definitions(byte[] data, int length) {
    List<Demand> names = new ArrayList<>();
    definitions(data, length, (kind, text, start, end) -> {
      String name = new String(text, start, end - start, StandardCharsets.US_ASCII);
      names.add(
          switch (kind) {
            case NAMED -> new Demand.Named(name);
            case STRUCT -> new Demand.Struct(name);
            case OBJECTS -> new Demand.Objects(name);
          });
    });
    return names;
  }

  /**
   * Names the file defines at file scope, found the way kernel style lays them out, which is much
   * faster than lexing: a function's body brace stands alone at the start of a line after its
   * parameter list, or ends a one-line "name(args) {" that starts at column 0; an initialized
   * variable's "= {" ends a line that starts at column 0 (its struct type is listed too, as
   * {@link Kind#OBJECTS}, before it); a struct definition ({@link Kind#STRUCT}) opens with "struct
   * NAME {" at column 0. Definitions written otherwise, or made by macros, are missed. Each name
   * is handed over as where it is in the text, not as a string: a tree has a million of them.
   */
  public static void definitions(byte[] data, int length, DefinitionSink sink) {
    for (int i = next(data, length, 1, (byte) '{'); i < length; i = next(data, length, i + 1, (byte) '{')) {
      long name;
      Kind kind = Kind.NAMED;
      if (data[i - 1] == '\n') {
        name = nameBeforeBody(data, i - 1);
      } else {
        int before = skipSpaceBack(data, i - 1);
        if (before > 0 && data[before] == '=') {
          name = startsAtColumnZero(data, before) ? nameBeforeEquals(data, before - 1) : NONE;
          long type = name == NONE ? NONE : structTypeOnLine(data, before);
          if (type != NONE) add(sink, Kind.OBJECTS, data, type);
        } else if (before > 0 && data[before] == ')' && opensFunctionOnItsLine(data, before, i, length)) {
          name = nameBeforeBody(data, before);
        } else {
          name = structBeforeBrace(data, before);
          kind = Kind.STRUCT;
        }
      }
      if (name != NONE) add(sink, kind, data, name);
    }
  }

  /** A stretch of the text, {@code start << 32 | end}, as the definition finders give a name; or none. */
  private static long span(int start, int end) {
    return (long) start << 32 | end;
  }

  private static final long NONE = -1;

  private static void add(DefinitionSink sink, Kind kind, byte[] data, long span) {
    sink.add(kind, data, (int) (span >>> 32), (int) span);
  }

  /** The first b at or after from, or length; sixteen bytes at a time, which C1 runs faster than eight. */
  static int next(byte[] data, int length, int from, byte b) {
    long pattern = ONES * (b & 0xff);
    int i = from;
    for (; i + 16 <= length; i += 16) {
      long x = (long) LONGS.get(data, i) ^ pattern;
      long y = (long) LONGS.get(data, i + 8) ^ pattern;
      if ((zeroBytes(x) | zeroBytes(y)) == 0) continue;
      for (int at = i; at < i + 16; at++) if (data[at] == b) return at;
    }
    for (; i < length; i++) if (data[i] == b) return i;
    return length;
  }

  /** NAME from "struct NAME" before position i on its line, or none. */
  private static long structTypeOnLine(byte[] data, int i) {
    int at = indexOf(data, lineStart(data, i), i, STRUCT);
    if (at < 0) return NONE;
    int start = at + STRUCT.length;
    int end = start;
    while (end < i && CChars.isNamePart(data[end])) end++;
    return end > start ? span(start, end) : NONE;
  }

  /** Where the word first occurs in data[from, to), or -1. */
  static int indexOf(byte[] data, int from, int to, byte[] word) {
    for (int at = from; at + word.length <= to; at++)
      if (data[at] == word[0] && Arrays.equals(data, at, at + word.length, word, 0, word.length)) return at;
    return -1;
  }

  /** The struct NAME of a line "struct NAME {" (or "typedef struct NAME {") at column 0, or none. */
  private static long structBeforeBrace(byte[] data, int i) {
    int end = i + 1;
    while (i >= 0 && CChars.isNamePart(data[i])) i--;
    int start = i + 1;
    if (start == end) return NONE;
    int lineStart = lineStart(data, start);
    for (byte[] head : STRUCT_HEADS) if (Arrays.equals(data, lineStart, start, head, 0, head.length)) return span(start, end);
    return NONE;
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
    return CChars.isNameStart(data[lineStart(data, i)]);
  }

  /** Where the line holding position i starts. */
  private static int lineStart(byte[] data, int i) {
    while (i > 0 && data[i - 1] != '\n') i--;
    return i;
  }

  /** The variable before "= {", past any array brackets: {@code foo_ops[] = {}; or none. */
  private static long nameBeforeEquals(byte[] data, int i) {
    i = skipSpaceBack(data, i);
    while (i >= 0 && data[i] == ']') {
      while (i >= 0 && data[i] != '[') i--;
      i = skipSpaceBack(data, i - 1);
    }
    int end = i + 1;
    while (i >= 0 && CChars.isNamePart(data[i])) i--;
    int start = i + 1;
    return start < end && CChars.isNameStart(data[start]) ? span(start, end) : NONE;
  }

  /**
   * Walks back from a body's brace to the function's name: the identifier before the leftmost of
   * the ")"-closed groups there, as attribute macros (__acquires(x)) may follow the parameters;
   * or none.
   */
  private static long nameBeforeBody(byte[] data, int i) {
    int nameStart = -1;
    int nameEnd = -1;
    for (int groups = 0; groups < 4; groups++) {
      i = skipSpaceBack(data, i);
      if (i < 0 || data[i] != ')') break;
      i = groupStart(data, i);
      if (i < 0) break;
      i = skipSpaceBack(data, i - 1);
      int end = i + 1;
      while (i >= 0 && CChars.isNamePart(data[i])) i--;
      int start = i + 1;
      if (start == end || !CChars.isNameStart(data[start])) break;
      nameStart = start;
      nameEnd = end;
    }
    return nameStart < 0 ? NONE : span(nameStart, nameEnd);
  }

  /** The "(" that opens the group the ")" at i closes; -1 if a ";", "{" or "}" comes first. */
  private static int groupStart(byte[] data, int i) {
    int depth = 0;
    for (; i >= 0; i--) {
      if (data[i] == ')') depth++;
      else if (data[i] == '(' && --depth == 0) return i;
      else if (data[i] == ';' || data[i] == '}' || data[i] == '{') return -1;
    }
    return -1;
  }

  private static int skipSpaceBack(byte[] data, int i) {
    while (i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) i--;
    return i;
  }
}
