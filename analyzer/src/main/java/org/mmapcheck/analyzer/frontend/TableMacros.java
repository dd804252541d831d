package org.mmapcheck.analyzer.frontend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Macros of the tree's own headers that fill in ops tables: a body of designated initializers
 * ({@code #define DRM_GEM_SHMEM_DRIVER_OPS .gem_prime_mmap = drm_gem_prime_mmap, ...}), or a
 * call of such a macro ({@code #define DRM_GEM_DMA_DRIVER_OPS DRM_GEM_DMA_DRIVER_OPS_WITH_DUMB_CREATE(f)}).
 * The parser runs without includes, so a table written {@code { DRM_GEM_SHMEM_DRIVER_OPS, ... }}
 * loses those fields unless these are defined for it.
 */
public final class TableMacros {

  /**
   * One {@code #define}: its key as CDT takes it ({@code NAME} or {@code NAME(a, b)}), its body,
   * and the macro the body calls when it is a lone call; empty for a body of designators.
   */
  public record Definition(String name, String key, String body, String calls) {}

  private static final Pattern DESIGNATOR = Pattern.compile("^\\s*\\.\\s*[A-Za-z_]\\w*\\s*=");
  private static final Pattern LONE_CALL = Pattern.compile("^([A-Z_][A-Z0-9_]*)\\s*(\\(.*\\))?$", Pattern.DOTALL);
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/");
  private static final Pattern FIELD = Pattern.compile("\\.\\s*([A-Za-z_]\\w*)\\s*=");

  /** A thread's matchers of the two patterns every candidate meets, reset for each: a matcher costs more to make than to run. */
  private record Matchers(Matcher designator, Matcher loneCall) {}

  private static final ThreadLocal<Matchers> MATCHERS =
      ThreadLocal.withInitial(() -> new Matchers(DESIGNATOR.matcher(""), LONE_CALL.matcher("")));

  private final Map<String, Definition> definitions;
  private final Map<String, Set<String>> fields;

  private TableMacros(Map<String, Definition> definitions, Map<String, Set<String>> fields) {
    this.definitions = definitions;
    this.fields = fields;
  }

  /**
   * The candidates of one header: every {@code #define} whose body starts with a designator, or
   * is a lone call of an upper-case macro (kept only if it leads to a table macro).
   */
  public static List<Definition> candidates(byte[] data, int length) {
    List<Definition> out = new ArrayList<>();
    for (int i = TextScan.next(data, length, 0, (byte) '#'); i < length; i = TextScan.next(data, length, i + 1, (byte) '#')) {
      if (!atLineStart(data, i)) continue;
      int j = i + 1;
      while (j < length && (data[j] == ' ' || data[j] == '\t')) j++;
      if (!startsWith(data, length, j, DEFINE)) continue;
      // Most #defines are constants: look at the first byte of the body before building text.
      int k = j + DEFINE.length;
      while (k < length && (data[k] == ' ' || data[k] == '\t')) k++;
      while (k < length && CChars.isNamePart(data[k])) k++;
      if (k < length && data[k] == '(') while (k < length && data[k] != ')' && data[k] != '\n') k++;
      if (k < length && data[k] == ')') k++;
      k = skipBlanks(data, length, k);
      boolean worth = k < length && (data[k] == '.' || mayBeLoneCall(data, length, k));
      // The logical line: a backslash before a newline joins the next one.
      int end = TextScan.next(data, length, j, (byte) '\n');
      boolean joined = false;
      while (end < length && data[end - 1] == '\\') {
        joined = true;
        end = TextScan.next(data, length, end + 1, (byte) '\n');
      }
      i = end;
      if (!worth) continue;
      // What follows "define" on the logical line.
      int from = j + DEFINE.length;
      Definition d = joined ? UNSURE : loneCall(data, from, end);
      if (d == UNSURE) {
        d = definition(joined ? joinedLine(data, from, end) : latin1(data, from, end));
      }
      if (d != null) out.add(d);
    }
    return out;
  }

  /** Said by {@link #loneCall} of a line it leaves to {@link #definition}. */
  private static final Definition UNSURE = new Definition("", "", "", "");

  /**
   * What {@link #definition} makes of the line data[from, end), told from the bytes for the
   * common case, a lone call or none, with no regex and no string but the definition's own: a
   * kernel has some 130,000 such #defines, a few hundred of them table macros. {@link #UNSURE} for
   * a line with a comment, a byte other than printable ASCII or a tab, or a body of designators.
   */
  private static Definition loneCall(byte[] data, int from, int end) {
    for (int k = from; k < end; k++) {
      byte b = data[k];
      if ((b < ' ' && b != '\t') || b == 0x7f || (b == '/' && k + 1 < end && data[k + 1] == '*')) return UNSURE;
    }
    int start = skipBlanks(data, end, from);
    int nameEnd = start;
    while (nameEnd < end && CChars.isNamePart(data[nameEnd])) nameEnd++;
    if (nameEnd == start) return null;
    int keyEnd = nameEnd;
    if (keyEnd < end && data[keyEnd] == '(') {
      while (keyEnd < end && data[keyEnd] != ')') keyEnd++;
      if (keyEnd == end) return null;
      keyEnd++;
    }
    int bodyStart = skipBlanks(data, end, keyEnd);
    int bodyEnd = end;
    while (bodyEnd > bodyStart && (data[bodyEnd - 1] == ' ' || data[bodyEnd - 1] == '\t')) bodyEnd--;
    if (bodyStart < bodyEnd && data[bodyStart] == '.') return UNSURE;
    // LONE_CALL: an upper-case name, blanks, and nothing or a parenthesized rest.
    if (bodyStart == bodyEnd || !startsUpperName(data[bodyStart])) return null;
    int callEnd = upperNameEnd(data, bodyEnd, bodyStart);
    int rest = skipBlanks(data, bodyEnd, callEnd);
    if (rest < bodyEnd && !(data[rest] == '(' && data[bodyEnd - 1] == ')' && rest < bodyEnd - 1)) return null;
    String name = latin1(data, start, nameEnd);
    String body = latin1(data, bodyStart, bodyEnd);
    return new Definition(
        name, keyEnd == nameEnd ? name : latin1(data, start, keyEnd), body, callEnd == bodyEnd ? body : latin1(data, bodyStart, callEnd));
  }

  private static String latin1(byte[] data, int from, int to) {
    return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** The bytes from one to the other, each backslash-newline read as a blank. */
  private static String joinedLine(byte[] data, int from, int to) {
    StringBuilder line = new StringBuilder(to - from);
    for (int at = from; at < to; at++) {
      if (data[at] == '\\' && at + 1 < to && data[at + 1] == '\n') {
        line.append(' ');
        at++;
      } else {
        line.append((char) (data[at] & 0xff));
      }
    }
    return line.toString();
  }

  /**
   * Whether a body that starts at k may be a lone call of an upper-case macro: an upper-case name
   * followed by nothing, a "(", or what a comment or blanks may hide. Most bodies that start with
   * an upper-case name are expressions of constants ({@code FOO | BAR}): told here from the bytes,
   * they cost no string or regex.
   */
  private static boolean mayBeLoneCall(byte[] data, int length, int k) {
    if (!startsUpperName(data[k])) return false;
    k = skipBlanks(data, length, upperNameEnd(data, length, k));
    // Control bytes and NEL (0x85) may be blanks or a line's end to the pattern.
    return k == length || (data[k] >= 0 && data[k] <= ' ') || data[k] == '(' || data[k] == '/' || data[k] == (byte) 0x85;
  }

  private static boolean startsUpperName(byte b) {
    return (b >= 'A' && b <= 'Z') || b == '_';
  }

  /** Where the run of upper-case letters, digits and "_" from k ends. */
  private static int upperNameEnd(byte[] data, int length, int k) {
    while (k < length && (startsUpperName(data[k]) || (data[k] >= '0' && data[k] <= '9'))) k++;
    return k;
  }

  private static int skipBlanks(byte[] data, int length, int k) {
    while (k < length) {
      if (data[k] == ' ' || data[k] == '\t') k++;
      else if (data[k] == '\\' && k + 1 < length && data[k + 1] == '\n') k += 2;
      else return k;
    }
    return k;
  }

  private static final byte[] DEFINE = "define".getBytes(StandardCharsets.US_ASCII);

  private static Definition definition(String rest) {
    rest = rest.stripLeading();
    int n = 0;
    while (n < rest.length() && (Character.isLetterOrDigit(rest.charAt(n)) || rest.charAt(n) == '_')) n++;
    if (n == 0) return null;
    int keyEnd = n;
    if (keyEnd < rest.length() && rest.charAt(keyEnd) == '(') {
      keyEnd = rest.indexOf(')', keyEnd) + 1;
      if (keyEnd == 0) return null;
    }
    String body = rest.substring(keyEnd);
    if (body.contains("/*")) body = COMMENT.matcher(body).replaceAll(" ");
    body = body.strip();
    String calls = "";
    Matchers matchers = MATCHERS.get();
    if (!matchers.designator.reset(body).lookingAt()) {
      Matcher m = matchers.loneCall.reset(body);
      if (!m.matches()) return null;
      calls = m.group(1);
    }
    return new Definition(rest.substring(0, n), rest.substring(0, keyEnd), body, calls);
  }

  /**
   * The table macros among the candidates of every header, by header path: the first definition
   * of a name in path order wins, so the result does not depend on the order files were read.
   */
  public static TableMacros of(Map<String, List<Definition>> byHeader) {
    Set<String> mayBe = mayBeTableMacros(byHeader.values());
    Map<String, Definition> first = new HashMap<>();
    List<String> headers = new ArrayList<>(byHeader.keySet());
    headers.sort(null);
    for (String header : headers)
      for (Definition d : byHeader.get(header)) if (mayBe.contains(d.name())) first.putIfAbsent(d.name(), d);
    Map<String, Set<String>> fields = new HashMap<>();
    for (Definition d : first.values()) if (d.calls().isEmpty()) fields.put(d.name(), fieldsOf(d.body()));
    // A macro that calls a table macro is one too, and sets what it sets.
    Map<String, Set<String>> kept = new TreeMap<>(fields);
    Map<String, Set<String>> reached = new HashMap<>(fields);
    for (Definition d : first.values()) {
      if (d.calls().isEmpty()) continue;
      Set<String> set = reached(d.name(), first, reached);
      if (set != NONE) kept.put(d.name(), set);
    }
    Map<String, Definition> definitions = new TreeMap<>();
    for (String name : kept.keySet()) definitions.put(name, first.get(name));
    return new TableMacros(definitions, kept);
  }

  /**
   * The names some definition of which is a body of designators or leads to one through lone
   * calls: the only names that can be table macros, a few hundred of a kernel's 120,000-odd
   * candidates, so the maps of {@link #of} stay small. Found from the designator bodies back
   * along the lone calls, each candidate looked at once.
   */
  private static Set<String> mayBeTableMacros(Collection<List<Definition>> byHeader) {
    Set<String> names = new HashSet<>();
    Map<String, List<String>> callers = new HashMap<>();
    for (List<Definition> list : byHeader)
      for (Definition d : list) {
        if (d.calls().isEmpty()) names.add(d.name());
        else callers.computeIfAbsent(d.calls(), k -> new ArrayList<>(1)).add(d.name());
      }
    Deque<String> reached = new ArrayDeque<>(names);
    while (!reached.isEmpty())
      for (String caller : callers.getOrDefault(reached.removeFirst(), List.of())) if (names.add(caller)) reached.add(caller);
    return names;
  }

  /** Said of a macro whose chain of lone calls ends in no table macro, or loops. */
  private static final Set<String> NONE = Set.of();

  /**
   * The fields of the table macro at the end of the name's chain of lone calls, or NONE; what
   * each name on the chain reaches is kept in {@code reached}, so every chain is walked once.
   */
  private static Set<String> reached(String name, Map<String, Definition> first, Map<String, Set<String>> reached) {
    Set<String> set = reached.get(name);
    if (set != null) return set;
    List<String> chain = new ArrayList<>(4);
    for (String at = name; set == null; ) {
      Definition d = first.get(at);
      if (d == null || d.calls().isEmpty()) { // not a candidate (a table macro is in reached already)
        set = NONE;
        break;
      }
      reached.put(at, NONE); // a loop back to a name on the chain ends it
      chain.add(at);
      at = d.calls();
      set = reached.get(at);
    }
    for (String at : chain) reached.put(at, set);
    return set;
  }

  private static Set<String> fieldsOf(String body) {
    Set<String> out = new HashSet<>();
    Matcher m = FIELD.matcher(body);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** The macros as the parser's scanner info takes them: key to body. */
  public Map<String, String> asStubs() {
    Map<String, String> out = new LinkedHashMap<>();
    definitions.values().forEach(d -> out.put(d.key(), d.body()));
    return out;
  }

  /** Whether the text names a macro that sets the field. */
  public boolean setsFieldIn(byte[] data, int length, String field) {
    Set<String> setting = new HashSet<>();
    fields.forEach((name, set) -> {
      if (set.contains(field)) setting.add(name);
    });
    return namesAny(data, length, setting);
  }

  private static boolean namesAny(byte[] data, int length, Collection<String> names) {
    for (String name : names) {
      byte[] word = name.getBytes(StandardCharsets.ISO_8859_1);
      for (int at = TextScan.indexOf(data, 0, length, word); at >= 0; at = TextScan.indexOf(data, at + 1, length, word)) {
        int end = at + word.length;
        if ((at == 0 || !isIdentPart(data[at - 1])) && (end == length || !isIdentPart(data[end]))) return true;
      }
    }
    return false;
  }

  /** A letter or digit (of Latin-1, as the text is read) or "_". */
  private static boolean isIdentPart(byte b) {
    char c = (char) (b & 0xff);
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean atLineStart(byte[] data, int i) {
    int k = i - 1;
    while (k >= 0 && (data[k] == ' ' || data[k] == '\t')) k--;
    return k < 0 || data[k] == '\n';
  }

  private static boolean startsWith(byte[] data, int length, int at, byte[] word) {
    if (at + word.length >= length) return false;
    for (int k = 0; k < word.length; k++) if (data[at + k] != word[k]) return false;
    return data[at + word.length] == ' ' || data[at + word.length] == '\t';
  }
}
