package org.mmapcheck.analyzer.model;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the scalars a function works on hold where each of its steps runs, and which steps no run
 * reaches: {@code c = 0; if (a) c++; if (!c) c++; p->count = c;} leaves {@code p->count}
 * positive, so in a callee given {@code p}, {@code if (!p->count) ...} is never taken.
 *
 * <p>Values live in paths: a local, or a field reached from a local or parameter ({@code
 * placement.num_placement} for {@code placement->num_placement}). {@code ->}, {@code .}, {@code &}
 * and {@code *} are not told apart, so a pointer and what it points at share a path; a pointer
 * local set once to another path ({@code n = &bo->count}) is that path. Each if branch starts
 * from what its condition says; where branches meet, what holds on either. A loop, a switch, or
 * code a backward goto repeats forgets what its steps store, and a label forgets everything.
 * A store to a field also forgets that field in other paths, which may be the same object.
 *
 * <p>A call of a function the model has, made as a statement of its own or as the value of a
 * store, has the effect its body has on what its arguments reach, {@value #DEPTH} calls deep. Any
 * other call may change whatever its arguments reach, and nothing else. So the values are those
 * of the code as parsed (no configuration's #if branches but the parser's), and of objects that
 * a call reaches only through its arguments.
 */
final class Values {

  /** How many calls deep a call's effect is worked out from its body. */
  private static final int DEPTH = 2;


  private final ProgramModel model;
  private final Map<Key, Evaluation> done = new ConcurrentHashMap<>();
  private final Map<FunctionDef, Layout> layouts = new ConcurrentHashMap<>();

  Values(ProgramModel model) {
    this.model = model;
  }

  private record Key(FunctionDef function, Map<String, Value> entry, int level) {}

  /** The function run with these values in its parameters' paths. */
  Evaluation of(FunctionDef f, Map<String, Value> entry) {
    return of(f, entry, 0);
  }

  /**
   * The run at that depth of calls: what it gives depends on the function, its entry and the
   * depth alone, not on the calls that asked for it, so it is kept. A recursive call is run like
   * any other, down to {@value #DEPTH} calls deep.
   */
  private Evaluation of(FunctionDef f, Map<String, Value> entry, int level) {
    Key key = new Key(f, entry, level);
    Evaluation e = done.get(key);
    if (e != null) return e;
    e = new Evaluation(f, level);
    e.run(entry);
    done.put(key, e);
    return e;
  }

  /**
   * What a function's steps are, whatever the values: the repeated span each lies in, which
   * follow a label, which run whenever the code around them does, and the pointer locals that
   * are other paths. Worked out once a function, for all its evaluations.
   */
  private static final class Layout {
    private final FunctionDef f;
    /** For each step, the repeated span it lies in, or -1. */
    private final int[] repeatOf;
    private final boolean[] afterLabel;
    /** For each step, whether it runs whenever the code around it is reached: no other step's code holds it. */
    private final boolean[] own;
    private final Map<String, String> aliases = new HashMap<>();

    Layout(FunctionDef f) {
      this.f = f;
      List<Step> steps = f.steps();
      List<Location> repeats = merged(f.repeats());
      this.repeatOf = new int[steps.size()];
      this.afterLabel = new boolean[steps.size()];
      this.own = new boolean[steps.size()];
      Deque<Integer> open = new ArrayDeque<>(); // the steps whose code holds this one
      for (int k = 0; k < steps.size(); k++) {
        Location s = steps.get(k).location();
        repeatOf[k] = -1;
        for (int r = 0; r < repeats.size() && repeatOf[k] < 0; r++) if (within(s, repeats.get(r))) repeatOf[k] = r;
        Location before = k == 0 ? null : steps.get(k - 1).location();
        for (Location l : f.labels())
          if (starts(l, s) <= 0 && (before == null || starts(l, before) > 0)) afterLabel[k] = true;
        while (!open.isEmpty() && (!within(s, steps.get(open.peek()).location()) || steps.get(open.peek()).location().equals(s))) open.pop();
        own[k] = open.isEmpty() || steps.get(open.peek()) instanceof Step.Store st && st.op().equals("=")
            && steps.get(k) instanceof Step.CallStep c && stripCasts(st.value()).equals(c.call());
        open.push(k);
      }
      findAliases();
    }

    /** A pointer local stored once, at the top of the body, with another path is that path. */
    private void findAliases() {
      List<Step> steps = f.steps();
      Map<String, Integer> stores = new HashMap<>();
      for (Step s : steps)
        if (s instanceof Step.Store st && st.target() instanceof Expr.Name n) stores.merge(n.name(), 1, Integer::sum);
      for (int k = 0; k < steps.size(); k++) {
        if (!(steps.get(k) instanceof Step.Store st) || !(st.target() instanceof Expr.Name n)) continue;
        Variable v = f.variable(n.name());
        if (v == null || f.params().contains(v) || !isPointer(v) || stores.get(n.name()) != 1) continue;
        if (!st.op().equals("=") || !st.guards().isEmpty() || repeatOf[k] >= 0) continue;
        String to = path(st.value());
        if (to != null && !to.equals(n.name())) aliases.put(n.name(), to);
      }
    }

    /** The path an expression names, or null. */
    String path(Expr e) {
      if (e instanceof Expr.Cast c) return path(c.operand());
      if (e instanceof Expr.Unary u && (u.op().equals("&") || u.op().equals("*"))) return path(u.operand());
      if (e instanceof Expr.Name n) return f.variable(n.name()) == null ? null : aliases.getOrDefault(n.name(), n.name());
      if (e instanceof Expr.Member m) {
        String base = path(m.base());
        return base == null ? null : base + "." + m.field();
      }
      return null;
    }
  }

  /** One function's run: what holds where each step runs, and at its end. */
  final class Evaluation {
    private final FunctionDef f;
    private final List<Step> steps;
    private final int level;
    private final Layout layout;
    /** What holds where each call runs, for its callee's start. */
    private final Map<Step, Map<String, Value>> atCalls = new IdentityHashMap<>();
    private final Set<Step> unreached = Collections.newSetFromMap(new IdentityHashMap<>());
    private Map<String, Value> exit;
    /** Fields the function may store into in objects other than its parameters', and whether any at all. */
    private final Set<String> writtenFields = new HashSet<>();
    private boolean writesAnything;
    /** Parameters the function points elsewhere: what it stores under them is not the caller's. */
    private final Set<String> rebound = new HashSet<>();

    private Evaluation(FunctionDef f, int level) {
      this.f = f;
      this.steps = f.steps();
      this.level = level;
      this.layout = layouts.computeIfAbsent(f, Layout::new);
    }

    /** Whether some run reaches the step. */
    boolean reaches(Step s) {
      return !unreached.contains(s);
    }

    /** The values a callee starts with when this step calls it, by its parameters' paths. */
    Map<String, Value> passed(Step.CallStep call, FunctionDef callee) {
      Map<String, Value> state = atCalls.get(call);
      return state == null ? Map.of() : passed(state, call.call(), callee);
    }

    private void run(Map<String, Value> entry) {
      exit = join(exit, block(0, steps.size(), 0, new HashMap<>(entry)));
    }

    // ---- structure ----

    /**
     * Runs steps [lo, hi), all of which have the guards of depth {@code depth} in common; returns
     * what holds after them, null when no run gets there.
     */
    private Map<String, Value> block(int lo, int hi, int depth, Map<String, Value> state) {
      int k = lo;
      while (k < hi) {
        if (layout.afterLabel[k]) state = new HashMap<>();
        if (layout.repeatOf[k] >= 0) {
          int r = layout.repeatOf[k], end = k;
          while (end < hi && layout.repeatOf[end] == r) end++;
          state = repeat(r, k, end, state);
          k = end;
          continue;
        }
        Step s = steps.get(k);
        if (s.guards().size() <= depth && s instanceof Step.Return) {
          // The return's value runs first; later steps of the block that are not the return's own
          // (code a configuration leaves out, or after a label) keep what held.
          int end = ownEnd(k, hi);
          for (int j = k; j < end; j++) state = step(j, hi, depth, state);
          exit = join(exit, state);
          if (end == hi && depth > 0) state = null;
          k = end;
          continue;
        }
        if (s.guards().size() <= depth) {
          state = step(k, hi, depth, state);
          k++;
          continue;
        }
        Step.Guard head = s.guards().get(depth);
        int end = blockEnd(k, hi, depth, head);
        Split split = split(state, head.condition());
        Map<String, Value> after = block(k, end, depth + 1, head.holds() ? split.holds() : split.fails());
        Step.Guard other = new Step.Guard(head.condition(), !head.holds());
        Map<String, Value> otherSide = head.holds() ? split.fails() : split.holds();
        if (end < hi && steps.get(end).guards().size() > depth && steps.get(end).guards().get(depth).equals(other) && !layout.afterLabel[end]) {
          int otherEnd = blockEnd(end, hi, depth, other);
          otherSide = block(end, otherEnd, depth + 1, otherSide);
          end = otherEnd;
        }
        state = join(after, otherSide);
        k = end;
      }
      return state;
    }

    /** The end of the run of steps from k whose guard at this depth is {@code head}. */
    private int blockEnd(int k, int hi, int depth, Step.Guard head) {
      int end = k + 1;
      while (end < hi && steps.get(end).guards().size() > depth && steps.get(end).guards().get(depth).equals(head) && !layout.afterLabel[end])
        end++;
      return end;
    }

    /** Steps that may each run any number of times: what any of them stores is forgotten first. */
    private Map<String, Value> repeat(int r, int lo, int hi, Map<String, Value> state) {
      if (state != null) {
        state = new HashMap<>(state);
        for (int k = 0; k < steps.size(); k++) if (layout.repeatOf[k] == r) forget(steps.get(k), state);
      }
      for (int k = lo; k < hi; k++) {
        Step s = steps.get(k);
        reached(s, state);
        if (state == null) continue;
        if (s instanceof Step.Return) exit = join(exit, state);
        noteWrites(s);
      }
      return state;
    }

    // ---- steps ----

    private void reached(Step s, Map<String, Value> state) {
      if (state == null) unreached.add(s);
      else if (s instanceof Step.CallStep) atCalls.put(s, state);
    }

    private Map<String, Value> step(int k, int hi, int depth, Map<String, Value> state) {
      Step s = steps.get(k);
      reached(s, state);
      if (state == null) return null;
      noteWrites(s);
      if (s instanceof Step.Store st) return store(st, state);
      if (s instanceof Step.CallStep c) return call(k, c, state);
      return state;
    }

    /** The index after step k and the steps of its own code (they come after it in the list). */
    private int ownEnd(int k, int hi) {
      int j = k + 1;
      while (j < hi && within(steps.get(j).location(), steps.get(k).location())) j++;
      return j;
    }

    private Map<String, Value> store(Step.Store st, Map<String, Value> state) {
      if (st.target() instanceof Expr.Name n && layout.aliases.containsKey(n.name())) return state; // the pointer, set once
      Value old = eval(st.target(), state);
      Value v = switch (st.op()) {
        case "=" -> eval(st.value(), state);
        case "|=" -> old.or(eval(st.value(), state));
        case "+=" -> eval(st.value(), state).mayBe(Value.NEGATIVE | Value.ZERO) ? Value.ANY : old.plusPositive();
        default -> Value.ANY;
      };
      Map<String, Value> out = new HashMap<>(state);
      write(out, st.target(), v);
      return out;
    }

    /**
     * Puts the value where the target's path is; a target with no path forgets what it may be:
     * the field in every path ({@code a[i].f}, {@code get()->f}), or every field ({@code *get()}).
     */
    private void write(Map<String, Value> state, Expr target, Value v) {
      String t = path(target);
      Expr x = Expr.strip(target);
      if (t != null) assign(state, t, v);
      else if (x instanceof Expr.Member m) forgetField(state, m.field(), null);
      else if (!(x instanceof Expr.Subscript || x instanceof Expr.Name)) state.keySet().removeIf(p -> p.contains("."));
    }

    /** Forgets what the call's arguments reach; a scalar passed by value stays. */
    private void forgetArguments(Map<String, Value> state, Expr.Call call) {
      for (Expr a : call.args()) {
        String p = byValue(a) ? null : path(a);
        if (p != null) forgetPath(state, p);
      }
    }

    private Map<String, Value> call(int k, Step.CallStep c, Map<String, Value> state) {
      FunctionDef g = model.resolveFunction(c.call().callee(), f.file());
      if (g != null && level < DEPTH && layout.own[k]) {
        Evaluation e = of(g, passed(state, c.call(), g), level + 1);
        if (e.exit != null) {
          writtenFields.addAll(e.writtenFields);
          writesAnything |= e.writesAnything;
          return returned(state, c.call(), g, e);
        }
      }
      Map<String, Value> out = new HashMap<>(state);
      forgetArguments(out, c.call());
      return out;
    }

    /** What the caller's paths under each argument hold when the callee returns. */
    private Map<String, Value> returned(Map<String, Value> state, Expr.Call call, FunctionDef g, Evaluation e) {
      Map<String, Value> out = new HashMap<>(state);
      List<String> under = new ArrayList<>();
      for (int i = 0; i < Math.min(call.args().size(), g.params().size()); i++) {
        Expr a = call.args().get(i);
        String p = g.params().get(i).name();
        String ap = byValue(a) ? null : path(a);
        if (ap == null || !isPointer(g.params().get(i)) && !(a instanceof Expr.Unary u && u.op().equals("&"))) continue;
        under.add(ap);
        forgetPath(out, ap);
        if (e.rebound.contains(p)) continue;
        for (Map.Entry<String, Value> v : e.exit.entrySet())
          if (v.getKey().equals(p) || v.getKey().startsWith(p + ".")) out.put(ap + v.getKey().substring(p.length()), v.getValue());
      }
      for (String field : e.writtenFields) forgetField(out, field, under);
      if (e.writesAnything) out.keySet().removeIf(k -> k.contains(".") && under.stream().noneMatch(u -> k.startsWith(u + ".")));
      return out;
    }

    /** The values a callee starts with: the caller's under each argument's path, or the argument's own value. */
    private Map<String, Value> passed(Map<String, Value> state, Expr.Call call, FunctionDef g) {
      Map<String, Value> entry = new HashMap<>();
      for (int i = 0; i < Math.min(call.args().size(), g.params().size()); i++) {
        Expr a = call.args().get(i);
        String p = g.params().get(i).name();
        String ap = path(a);
        if (ap == null) {
          Value v = eval(a, state);
          if (v.isKnown()) entry.put(p, v);
          continue;
        }
        for (Map.Entry<String, Value> v : state.entrySet())
          if (v.getKey().equals(ap) || v.getKey().startsWith(ap + ".")) entry.put(p + v.getKey().substring(ap.length()), v.getValue());
      }
      return Map.copyOf(entry);
    }

    /** What a step that may run any number of times makes unknown. */
    private void forget(Step s, Map<String, Value> state) {
      if (s instanceof Step.Store st && !(st.target() instanceof Expr.Name n && layout.aliases.containsKey(n.name())))
        write(state, st.target(), Value.ANY);
      else if (s instanceof Step.CallStep c) forgetArguments(state, c.call());
    }

    /** Records what the step may store into beyond the function's parameters' and locals' paths. */
    private void noteWrites(Step s) {
      if (!(s instanceof Step.Store st)) return;
      if (st.target() instanceof Expr.Name n && f.params().stream().anyMatch(p -> p.name().equals(n.name()))) rebound.add(n.name());
      String t = path(st.target());
      Expr target = Expr.strip(st.target());
      if (t != null && isParamPath(t)) return;
      if (target instanceof Expr.Member m) writtenFields.add(m.field());
      else if (t == null && !(target instanceof Expr.Subscript || target instanceof Expr.Name)) writesAnything = true;
    }

    private boolean isParamPath(String p) {
      String root = p.contains(".") ? p.substring(0, p.indexOf('.')) : p;
      return f.params().stream().anyMatch(v -> v.name().equals(root)) || !p.contains(".");
    }

    // ---- paths and values ----

    private String path(Expr e) {
      return layout.path(e);
    }

    private Value eval(Expr e, Map<String, Value> state) {
      e = stripCasts(e);
      if (e instanceof Expr.Literal l) return literal(l.text());
      if (e instanceof Expr.Name n && f.variable(n.name()) == null) {
        return switch (n.name()) {
          case "NULL", "false" -> Value.of(Value.ZERO);
          case "true" -> Value.of(Value.POSITIVE);
          default -> new Value(Value.ALL, Set.of(n.name())); // a constant, maybe a flag
        };
      }
      if (e instanceof Expr.Unary u && u.op().equals("&")) return Value.of(Value.NEGATIVE | Value.POSITIVE);
      if (e instanceof Expr.Unary u && u.op().equals("-") && stripCasts(u.operand()) instanceof Expr.Literal l)
        return literal(l.text()).mayBe(Value.POSITIVE) ? Value.of(Value.NEGATIVE) : Value.ANY;
      if (e instanceof Expr.Binary b && b.op().equals("|")) return eval(b.left(), state).or(eval(b.right(), state));
      String p = path(e);
      return p == null ? Value.ANY : state.getOrDefault(p, Value.ANY);
    }

    /** What holds where the condition holds, and where it fails. */
    private Split split(Map<String, Value> state, Expr condition) {
      if (state == null) return new Split(null, null);
      Expr c = stripCasts(condition);
      if (c instanceof Expr.Unary u && u.op().equals("!")) return split(state, u.operand()).negated();
      if (c instanceof Expr.Binary b) {
        // a && b holds when both do, and fails where a fails or a holds and b fails; || the other way round.
        if (b.op().equals("&&")) {
          Split left = split(state, b.left()), right = split(left.holds(), b.right());
          return new Split(right.holds(), join(left.fails(), right.fails()));
        }
        if (b.op().equals("||")) {
          Split left = split(state, b.left()), right = split(left.fails(), b.right());
          return new Split(join(left.holds(), right.holds()), right.fails());
        }
        if (b.op().equals("==") || b.op().equals("!=")) {
          Expr other = isZero(b.right()) ? b.left() : isZero(b.left()) ? b.right() : null;
          if (other == null) return new Split(state, state);
          Split set = split(state, other);
          return b.op().equals("!=") ? set : set.negated();
        }
        // x & FLAG, with x known to carry FLAG, holds.
        boolean carried = b.op().equals("&") && (carries(b.left(), b.right(), state) || carries(b.right(), b.left(), state));
        return new Split(state, carried ? null : state);
      }
      String p = path(c);
      if (p == null) return new Split(state, state);
      Value v = state.getOrDefault(p, Value.ANY);
      return new Split(with(state, p, v.only(Value.NEGATIVE | Value.POSITIVE)), with(state, p, v.only(Value.ZERO)));
    }

    private boolean carries(Expr value, Expr flag, Map<String, Value> state) {
      return stripCasts(flag) instanceof Expr.Name n && f.variable(n.name()) == null
          && eval(value, state).flags().contains(n.name());
    }

    private boolean byValue(Expr a) {
      return stripCasts(a) instanceof Expr.Name n && f.variable(n.name()) != null && !isPointer(f.variable(n.name()))
          && !layout.aliases.containsKey(n.name());
    }
  }

  // ---- states ----

  /** What holds where a condition holds, and where it fails; null for a side no run takes. */
  private record Split(Map<String, Value> holds, Map<String, Value> fails) {
    Split negated() {
      return new Split(fails, holds);
    }
  }

  /** The state with the path holding the value; null for no value (no run). */
  private static Map<String, Value> with(Map<String, Value> state, String path, Value v) {
    if (v == null) return null;
    Map<String, Value> out = new HashMap<>(state);
    out.put(path, v);
    return out;
  }

  /** Sets the path, and forgets what it held, what lies under it, and the field in other paths. */
  private static void assign(Map<String, Value> state, String target, Value v) {
    forgetPath(state, target);
    if (target.contains(".")) forgetField(state, target.substring(target.lastIndexOf('.') + 1), List.of(target));
    if (v.isKnown()) state.put(target, v);
  }

  private static void forgetPath(Map<String, Value> state, String p) {
    state.keySet().removeIf(k -> k.equals(p) || k.startsWith(p + "."));
  }

  /**
   * Forgets the field in every path that reaches it, but those under {@code kept} and the objects
   * that hold those: another path may be the same object.
   */
  private static void forgetField(Map<String, Value> state, String field, List<String> kept) {
    state.keySet().removeIf(k -> {
      if (kept != null && kept.stream().anyMatch(u -> k.equals(u) || k.startsWith(u + "."))) return false;
      String[] parts = k.split("\\.");
      StringBuilder prefix = new StringBuilder(parts[0]);
      for (int i = 1; i < parts.length; i++) {
        prefix.append('.').append(parts[i]);
        String at = prefix.toString();
        if (parts[i].equals(field) && (kept == null || kept.stream().noneMatch(u -> u.startsWith(at + ".") || u.equals(at)))) return true;
      }
      return false;
    });
  }

  /** What holds on either of two runs; null stands for none. */
  private static Map<String, Value> join(Map<String, Value> a, Map<String, Value> b) {
    if (a == null) return b;
    if (b == null) return a;
    Map<String, Value> out = new HashMap<>();
    for (Map.Entry<String, Value> e : a.entrySet()) {
      Value other = b.get(e.getKey());
      if (other == null) continue;
      Value v = e.getValue().join(other);
      if (v.isKnown()) out.put(e.getKey(), v);
    }
    return out;
  }

  /** What holds of both maps of entry values: for the same function reached from two places. */
  static Map<String, Value> either(Map<String, Value> a, Map<String, Value> b) {
    return Map.copyOf(join(a, b));
  }

  /** The spans, those that overlap made one. */
  private static List<Location> merged(List<Location> spans) {
    List<Location> sorted = new ArrayList<>(spans);
    sorted.sort((a, b) -> starts(a, b));
    List<Location> out = new ArrayList<>();
    for (Location l : sorted) {
      Location last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && compare(l.line(), l.column(), last.endLine(), last.endColumn()) <= 0) {
        boolean longer = compare(l.endLine(), l.endColumn(), last.endLine(), last.endColumn()) > 0;
        if (longer) out.set(out.size() - 1, new Location(last.file(), last.line(), last.column(), l.endLine(), l.endColumn()));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  private static boolean isPointer(Variable v) {
    return v.type().pointers() > 0;
  }

  private static boolean isZero(Expr e) {
    Expr x = stripCasts(e);
    return x instanceof Expr.Literal l && literal(l.text()).signs() == Value.ZERO
        || x instanceof Expr.Name n && n.name().equals("NULL");
  }

  private static Expr stripCasts(Expr e) {
    while (e instanceof Expr.Cast c) e = c.operand();
    return e;
  }

  private static Value literal(String text) {
    String t = text.toLowerCase();
    int end = t.length();
    while (end > 1 && (t.charAt(end - 1) == 'u' || t.charAt(end - 1) == 'l')) end--;
    t = t.substring(0, end);
    try {
      long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : t.length() > 1 && t.startsWith("0")
          ? Long.parseLong(t.substring(1), 8) : Long.parseLong(t);
      return Value.of(v == 0 ? Value.ZERO : Value.POSITIVE);
    } catch (NumberFormatException e) {
      return Value.ANY;
    }
  }

  private static boolean within(Location inner, Location outer) {
    return inner.file().equals(outer.file()) && starts(outer, inner) <= 0 && compare(inner.endLine(), inner.endColumn(), outer.endLine(), outer.endColumn()) <= 0;
  }

  /** Where a starts against b: negative when before. */
  private static int starts(Location a, Location b) {
    return compare(a.line(), a.column(), b.line(), b.column());
  }

  private static int compare(int line, int column, int otherLine, int otherColumn) {
    return line != otherLine ? Integer.compare(line, otherLine) : Integer.compare(column, otherColumn);
  }
}
