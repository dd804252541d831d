package org.mmapcheck.analyzer.frontend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many tokens, about, the preprocessor makes of a file, worked out from its macros without
 * expanding any. CDT expands one macro call in one go, without looking at its cancel flag, so
 * {@code #define M1(x) M0(M0(x))} nested thirty deep would run for hours and take gigabytes
 * before the parse budget could stop it: a file over the limit is not handed to CDT at all.
 *
 * <p>Each macro is reduced to a linear size, {@code c + k1*|arg1| + k2*|arg2| ...}, from its body
 * (a parameter adds 1 to its k, a call of another macro adds that macro's size of its
 * arguments), and the file's text is summed the same way. An object-like macro that ends in the
 * name of a function-like one is taken to call it with the arguments that follow. Sums saturate.
 */
final class ExpansionEstimate {

  /** Larger than any limit; saturating arithmetic stops here. */
  static final long HUGE = Long.MAX_VALUE / 4;

  /** Macro calls nested deeper than this are taken as too large (and would overflow CDT). */
  private static final int MAX_NESTING = 256;

  /** A macro: null params for an object-like one; "__VA_ARGS__" as the last param if variadic. */
  private record Macro(List<String> params, List<String> body) {}

  /**
   * A size: constant part, and a factor per parameter of the macro being reduced; and how deep
   * parentheses nest, {@code max(nest, nestAt[p] + nesting of argument p)} ({@link #NONE} for a
   * parameter not used).
   */
  private record Size(long constant, long[] factors, long nest, long[] nestAt) {}

  /** No nesting: a parameter the body does not use. */
  private static final long NONE = -HUGE;

  /** What the preprocessor makes of a file, about: its tokens, and how deep its parentheses nest. */
  record Estimate(long tokens, long nesting) {}

  private final Map<String, Macro> macros = new HashMap<>();
  private final Map<String, Size> reduced = new HashMap<>();
  private final Set<String> reducing = new HashSet<>();
  /** The strings of the tokens lexed so far, handed out again for the same characters. */
  private final RecentNames names = new RecentNames();

  private ExpansionEstimate() {}

  /** The file's estimate, with the given predefined macros (CDT's key form). */
  static Estimate of(char[] text, Map<String, String> predefined) {
    ExpansionEstimate e = new ExpansionEstimate();
    predefined.forEach((key, body) -> e.define(key, e.lex(body)));
    List<String> code = new ArrayList<>();
    Line line = new Line();
    for (int next = 0; next <= text.length; ) {
      next = line.read(text, next);
      int first = code.size();
      e.lex(line.chars, line.length, code);
      if (code.size() == first || !code.get(first).equals("#")) continue;
      if (code.size() > first + 2 && code.get(first + 1).equals("define")) e.define(new String(line.chars, 0, line.length));
      code.subList(first, code.size()).clear(); // a directive is no code
    }
    Size all = e.size(code, 0, code.size(), List.of(), 0);
    return new Estimate(all.constant(), all.nest());
  }

  /** Records a "#define" line's macro. */
  private void define(String line) {
    int at = line.indexOf("define") + "define".length();
    while (at < line.length() && Character.isWhitespace(line.charAt(at))) at++;
    int nameEnd = at;
    while (nameEnd < line.length() && CChars.isNamePart(line.charAt(nameEnd))) nameEnd++;
    // Only a "(" right after the name opens a parameter list: "#define X (a)" is object-like.
    int keyEnd = nameEnd < line.length() && line.charAt(nameEnd) == '(' ? line.indexOf(')', nameEnd) + 1 : nameEnd;
    if (keyEnd <= 0) return; // an unclosed parameter list; CDT reports it
    define(line.substring(at, keyEnd), lex(line.substring(keyEnd)));
  }

  /** Records a macro from its key, "NAME" or "NAME(a, b)" as CDT's scanner info has it, and body. */
  private void define(String key, List<String> body) {
    List<String> head = lex(key);
    if (head.isEmpty() || !CChars.isNameStart(head.get(0).charAt(0))) return;
    List<String> params = null;
    if (head.size() > 1) {
      params = new ArrayList<>();
      for (String t : head.subList(2, head.size())) {
        if (t.equals("...")) params.add("__VA_ARGS__");
        else if (CChars.isNameStart(t.charAt(0))) params.add(t);
      }
    }
    macros.put(head.get(0), new Macro(params, List.copyOf(body)));
  }

  /** The size of a macro's body, in terms of its parameters. */
  private Size reduce(String name, int depth) {
    Size done = reduced.get(name);
    if (done != null) return done;
    Macro m = macros.get(name);
    reducing.add(name);
    Size s = size(m.body(), 0, m.body().size(), m.params() == null ? List.of() : m.params(), depth);
    reducing.remove(name);
    reduced.put(name, s);
    return s;
  }

  /** The size of tokens [from, to), in terms of the parameters (none outside a macro body). */
  private Size size(List<String> tokens, int from, int to, List<String> params, int depth) {
    long constant = 0;
    long[] factors = new long[params.size()];
    long nest = 0;
    long[] nestAt = new long[params.size()];
    Arrays.fill(nestAt, NONE);
    if (depth > MAX_NESTING) return new Size(HUGE, factors, HUGE, nestAt);
    int here = 0; // parentheses open at token i
    for (int i = from; i < to; i++) {
      String t = tokens.get(i);
      char one = t.length() == 1 ? t.charAt(0) : ' ';
      if (one == '(') nest = Math.max(nest, ++here);
      else if (one == ')') here = Math.max(0, here - 1);
      if (!CChars.isNameStart(t.charAt(0))) { // no parameter or macro: punctuation, a number, a literal
        constant = add(constant, 1);
        continue;
      }
      int param = params.indexOf(t);
      if (param >= 0) {
        factors[param] = add(factors[param], 1);
        nestAt[param] = Math.max(nestAt[param], here);
        continue;
      }
      Macro m = reducing.contains(t) ? null : macros.get(t);
      if (m == null) {
        constant = add(constant, 1);
        continue;
      }
      Size own = reduce(t, depth + 1);
      if (m.params() == null) {
        // An object-like macro that ends in a function-like one's name calls it on what follows.
        String last = m.body().isEmpty() ? null : m.body().get(m.body().size() - 1);
        Macro tail = last == null || reducing.contains(last) ? null : macros.get(last);
        constant = add(constant, own.constant());
        nest = Math.max(nest, add(here, own.nest()));
        if (tail == null || tail.params() == null || i + 1 >= to || !tokens.get(i + 1).equals("(")) continue;
        m = tail;
        own = reduce(last, depth + 1);
      } else if (i + 1 >= to || !tokens.get(i + 1).equals("(")) {
        constant = add(constant, 1); // a function-like macro's name without a call stays a name
        continue;
      }
      // The arguments: split at top-level commas; the variadic parameter takes all the rest.
      List<Size> args = new ArrayList<>();
      int open = 0;
      int argStart = i + 2;
      int j = i + 1;
      for (; j < to; j++) {
        String u = tokens.get(j);
        if (u.equals("(")) open++;
        else if (u.equals(")") && --open == 0) break;
        else if (u.equals(",") && open == 1 && args.size() < m.params().size() - 1) {
          args.add(size(tokens, argStart, j, params, depth + 1));
          argStart = j + 1;
        }
      }
      if (j >= to) {
        // No ")" closes the call: the preprocessor goes on expanding what follows the name, so
        // that text counts in full, not as an argument the macro may drop.
        constant = add(constant, 1);
        continue;
      }
      args.add(size(tokens, argStart, j, params, depth + 1));
      constant = add(constant, own.constant());
      nest = Math.max(nest, add(here, own.nest()));
      for (int a = 0; a < args.size() && a < own.factors().length; a++) {
        long k = own.factors()[a];
        constant = add(constant, multiply(k, args.get(a).constant()));
        for (int p = 0; p < factors.length; p++) factors[p] = add(factors[p], multiply(k, args.get(a).factors()[p]));
        // The argument nests as deep as it does, where the body puts the parameter.
        if (own.nestAt()[a] == NONE) continue;
        long at = add(here, own.nestAt()[a]);
        nest = Math.max(nest, add(at, args.get(a).nest()));
        for (int p = 0; p < nestAt.length; p++)
          if (args.get(a).nestAt()[p] != NONE) nestAt[p] = Math.max(nestAt[p], add(at, args.get(a).nestAt()[p]));
      }
      i = j; // past the call's ")"
    }
    return new Size(constant, factors, nest, nestAt);
  }

  private static long add(long a, long b) {
    return Math.min(HUGE, a + b);
  }

  private static long multiply(long a, long b) {
    if (a == 0 || b == 0) return 0;
    return a > HUGE / b ? HUGE : Math.min(HUGE, a * b);
  }

  /** One line of the text at a time, its characters reused for the next. */
  private static final class Line {
    char[] chars = new char[256];
    int length;

    /**
     * Reads the line that starts at {@code from}, with continuations joined, comments replaced by
     * a space and literals emptied; returns where the next one starts (past the end after the last).
     */
    int read(char[] text, int from) {
      length = 0;
      for (int i = from; i < text.length; i++) {
        char c = text[i];
        if (c == '\\' && i + 1 < text.length && text[i + 1] == '\n') {
          i++;
        } else if (c == '/' && i + 1 < text.length && text[i + 1] == '*') {
          // One space, as in C: a directive goes on past a comment's line ends.
          append(' ');
          i = commentEnd(text, i + 2);
        } else if (c == '/' && i + 1 < text.length && text[i + 1] == '/') {
          while (i + 1 < text.length && text[i + 1] != '\n') i++;
        } else if (c == '"' || c == '\'') {
          int end = i + 1;
          while (end < text.length && text[end] != c && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
          append(c); // a literal is one token; its content names no macro
          append(c);
          i = end < text.length && text[end] == '\n' ? end - 1 : end;
        } else if (c == '\n') {
          return i + 1;
        } else {
          append(c);
        }
      }
      return text.length + 1;
    }

    private void append(char c) {
      if (length == chars.length) chars = Arrays.copyOf(chars, 2 * length);
      chars[length++] = c;
    }
  }

  /** The position of the "/" that ends a comment opened before {@code from}, or the last one. */
  private static int commentEnd(char[] text, int from) {
    for (int i = from; i + 1 < text.length; i++) if (text[i] == '*' && text[i + 1] == '/') return i + 1;
    return text.length;
  }

  /** Identifiers, numbers, literals ("" or ''), "..." and single punctuation characters. */
  private List<String> lex(String line) {
    List<String> tokens = new ArrayList<>();
    lex(line.toCharArray(), line.length(), tokens);
    return tokens;
  }

  /** The one-character tokens of ASCII, made once: a file has hundreds of thousands of them. */
  private static final String[] ONE_CHARACTER = new String[128];

  static {
    for (char c = 0; c < ONE_CHARACTER.length; c++) ONE_CHARACTER[c] = String.valueOf(c);
  }

  /**
   * As {@link #lex(String)}, the first {@code length} characters, into the list; a token of more
   * than one character from {@link #names}.
   */
  private void lex(char[] line, int length, List<String> tokens) {
    for (int i = 0; i < length; ) {
      char c = line[i];
      int start = i;
      if (CChars.isWhitespace(c)) {
        i++;
        continue;
      }
      if (CChars.isNamePart(c)) {
        while (i < length && CChars.isNamePart(line[i])) i++;
      } else if (c == '.' && i + 2 < length && line[i + 1] == '.' && line[i + 2] == '.') {
        i += 3;
      } else if ((c == '"' || c == '\'') && i + 1 < length && line[i + 1] == c) {
        i += 2;
      } else {
        i++;
      }
      tokens.add(i == start + 1 && c < ONE_CHARACTER.length ? ONE_CHARACTER[c] : names.of(line, start, i));
    }
  }
}
