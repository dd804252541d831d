package org.mmapcheck.corpus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same C program laid out otherwise: each top-level definition of a .c file (function or
 * object) moves to a file of its own in a subdirectory, with the declarations it needs
 * (includes, macros, types, prototypes) copied in. Definitions tied by a static name stay together,
 * as C requires, so the program means the same. Every line keeps where it came from.
 *
 * <p>Fixtures are written in kernel style, so top-level items are told apart line by line: an
 * item ends on a line where braces and parentheses close and the code ends in ';' or '}'.
 */
final class SplitProgram {

  /** A line of a split file and where it was in the original. */
  record Line(String text, String file, int line) {}

  private record Item(List<Line> lines, String code, Kind kind, String name, Set<String> uses) {}

  private enum Kind { DIRECTIVE, DECLARATION, FUNCTION, OBJECT }

  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SplitProgram() {}

  /** The split layout of one .c file at {@code path}: new path to its lines. */
  static Map<String, List<Line>> split(String path, String text) {
    List<Item> items = items(path, text);
    List<Item> units = items.stream().filter(i -> i.kind() == Kind.FUNCTION || i.kind() == Kind.OBJECT).toList();
    // Units tied by a static name go together: union-find over their indexes.
    int[] group = new int[units.size()];
    for (int i = 0; i < group.length; i++) group[i] = i;
    for (int a = 0; a < units.size(); a++)
      for (int b = 0; b < units.size(); b++)
        if (a != b && units.get(b).code().startsWith("static ") && units.get(a).uses().contains(units.get(b).name()))
          union(group, a, b);
    Map<Integer, List<Item>> groups = new LinkedHashMap<>();
    for (int i = 0; i < units.size(); i++) groups.computeIfAbsent(find(group, i), k -> new ArrayList<>()).add(units.get(i));

    // All the parts of a directory's files go to one subdirectory: a driver's tables are those of
    // its directory (ProgramModel.seenFrom), and stay so.
    String stem = path.substring(path.lastIndexOf('/') + 1, path.length() - ".c".length());
    String dir = path.substring(0, path.lastIndexOf('/') + 1) + "split/";
    Map<String, List<Line>> out = new TreeMap<>();
    int part = 0;
    for (List<Item> members : groups.values()) {
      Set<Item> chosen = new HashSet<>(members);
      chosen.addAll(declarationsFor(members, items));
      List<Line> lines = new ArrayList<>();
      for (Item item : items) if (chosen.contains(item)) lines.addAll(item.lines());
      out.put(dir + stem + "_" + part + ".c", lines);
      part++;
    }
    return out;
  }

  /** Every include, and the declarations the units name, directly or through other declarations. */
  private static Set<Item> declarationsFor(List<Item> units, List<Item> items) {
    Set<String> names = new HashSet<>();
    units.forEach(u -> names.addAll(u.uses()));
    Set<Item> chosen = new HashSet<>();
    for (boolean grew = true; grew; ) {
      grew = false;
      for (Item item : items) {
        if (chosen.contains(item) || item.kind() == Kind.FUNCTION || item.kind() == Kind.OBJECT) continue;
        boolean include = item.kind() == Kind.DIRECTIVE && item.name() == null;
        if (include || (item.name() != null && names.contains(item.name()))) {
          chosen.add(item);
          names.addAll(item.uses());
          grew = true;
        }
      }
    }
    return chosen;
  }

  private static List<Item> items(String path, String text) {
    List<Item> items = new ArrayList<>();
    List<Line> pending = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    boolean inComment = false;
    boolean directive = false;
    int depth = 0;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String raw = lines[n];
      pending.add(new Line(raw, path, n + 1));
      StringBuilder lineCode = new StringBuilder();
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (inComment) {
          if (c == '*' && i + 1 < raw.length() && raw.charAt(i + 1) == '/') {
            inComment = false;
            i++;
          }
        } else if (c == '/' && i + 1 < raw.length() && raw.charAt(i + 1) == '*') {
          inComment = true;
          i++;
        } else if (c == '/' && i + 1 < raw.length() && raw.charAt(i + 1) == '/') {
          break;
        } else if (c == '"' || c == '\'') {
          int end = i + 1;
          while (end < raw.length() && raw.charAt(end) != c) end += raw.charAt(end) == '\\' ? 2 : 1;
          i = end;
          lineCode.append(' ');
        } else {
          lineCode.append(c);
        }
      }
      String line = lineCode.toString().strip();
      if (code.toString().isBlank() && depth == 0 && line.startsWith("#")) directive = true;
      code.append(line).append('\n');
      if (directive) {
        if (!line.endsWith("\\")) {
          items.add(item(pending, code.toString().strip(), true));
          pending = new ArrayList<>();
          code.setLength(0);
          directive = false;
        }
        continue;
      }
      for (char c : line.toCharArray()) {
        if (c == '{' || c == '(') depth++;
        if (c == '}' || c == ')') depth--;
      }
      if (depth == 0 && (line.endsWith(";") || line.endsWith("}"))) {
        items.add(item(pending, code.toString().strip(), false));
        pending = new ArrayList<>();
        code.setLength(0);
      }
    }
    if (!code.toString().isBlank()) throw new IllegalStateException(path + ": unterminated top-level item: " + code);
    return items;
  }

  private static Item item(List<Line> lines, String code, boolean directive) {
    Set<String> uses = new HashSet<>();
    Matcher m = IDENT.matcher(code);
    while (m.find()) uses.add(m.group());
    if (directive) {
      Matcher define = Pattern.compile("^#\\s*define\\s+([A-Za-z_][A-Za-z0-9_]*)").matcher(code);
      return new Item(lines, code, Kind.DIRECTIVE, define.find() ? define.group(1) : null, uses);
    }
    int brace = code.indexOf('{');
    String head = brace < 0 ? code : code.substring(0, brace);
    // "struct x *f(...) {" is a function that returns a pointer; "typedef struct __packed(...) {" a type.
    boolean type =
        code.startsWith("typedef ")
            || code.matches("^(struct|union|enum)\\s+\\w+\\s*;$")
            || (brace >= 0 && code.matches("(?s)^(struct|union|enum)\\b.*") && !head.contains("=") && !head.contains("("));
    if (type || code.startsWith("extern ")) return new Item(lines, code, Kind.DECLARATION, declared(code, head), uses);
    if (brace >= 0 && isFunction(head) && !head.contains("=")) return new Item(lines, code, Kind.FUNCTION, beforeParen(head), uses);
    if (brace < 0 && head.contains("(") && !head.contains("=")) return new Item(lines, code, Kind.DECLARATION, beforeParen(head), uses);
    return new Item(lines, code, Kind.OBJECT, objectName(code), uses);
  }

  private static boolean isFunction(String head) {
    return head.strip().endsWith(")") || head.contains(")\n");
  }

  /** A type's tag or typedef name; an extern's name. Enum constants are declared too, but rare here. */
  private static String declared(String code, String head) {
    if (code.startsWith("typedef ") || code.startsWith("extern ")) return objectName(code);
    Matcher tag = Pattern.compile("^(?:struct|union|enum)\\s+([A-Za-z_][A-Za-z0-9_]*)").matcher(head);
    return tag.find() ? tag.group(1) : null;
  }

  private static String beforeParen(String head) {
    String before = head.substring(0, head.indexOf('(')).strip();
    Matcher m = IDENT.matcher(before);
    String last = null;
    while (m.find()) last = m.group();
    return last;
  }

  /** The name before "=", "[" or ";" at the end: {@code static const struct x_ops foo_ops[] = {...};}. */
  private static String objectName(String code) {
    String decl = code;
    for (String stop : List.of("=", "[", ";")) {
      int at = decl.indexOf(stop);
      if (at >= 0) decl = decl.substring(0, at);
    }
    if (decl.contains("(")) decl = decl.substring(decl.lastIndexOf(')') + 1);
    Matcher m = IDENT.matcher(decl);
    String last = null;
    while (m.find()) last = m.group();
    return last;
  }

  private static int find(int[] group, int i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  }

  private static void union(int[] group, int a, int b) {
    group[find(group, a)] = find(group, b);
  }
}
