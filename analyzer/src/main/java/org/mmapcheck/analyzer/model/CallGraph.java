package org.mmapcheck.analyzer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls and what they reach: direct calls by name, calls through ops fields by the tables the
 * field's owner can hold, narrowed by one more layer and by the directory the model is seen from.
 */
final class CallGraph {

  private final ProgramModel model;
  /** The directory the model is seen from (see {@link ProgramModel#seenFrom}), or null. */
  private final String home;

  private final Conditions conditions;
  private final Values values;
  /** {@link #holdersOf} each type, worked out once: asked for each call a callback makes through its own object's table. */
  private final Map<String, Map<FunctionDef, List<OpsTable>>> holders = new ConcurrentHashMap<>();

  CallGraph(ProgramModel model, String home) {
    this.model = model;
    this.home = home;
    this.conditions = new Conditions(model, this);
    this.values = new Values(model);
  }

  /** Functions a walk reaches, each with its chain from the start and what holds where it runs. */
  record Reach(Map<FunctionDef, List<FunctionDef>> chains, Map<FunctionDef, Facts> facts) {}

  /**
   * Functions reachable from {@code start} through calls, at most {@code depth} calls deep, each
   * with the shortest chain that reaches it; through ops fields only when {@code throughFields},
   * and never into the functions named in {@code stopAt} (the kernel API known by name). A call
   * whose guards cannot hold under what the path knows ({@code facts}) is not followed; a
   * function reached along several paths runs under what holds on any of them.
   */
  Reach reachable(FunctionDef start, int depth, boolean throughFields, Set<String> stopAt, Facts facts) {
    Map<FunctionDef, List<FunctionDef>> chains = new LinkedHashMap<>();
    Map<FunctionDef, Facts> known = new LinkedHashMap<>();
    chains.put(start, List.of(start));
    known.put(start, facts);
    Deque<FunctionDef> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      FunctionDef f = queue.removeFirst();
      List<FunctionDef> chain = chains.get(f);
      if (chain.size() > depth) continue;
      for (Step s : f.steps()) {
        if (!(s instanceof Step.CallStep call)) continue;
        if (!throughFields && !(Expr.strip(call.call().callee()) instanceof Expr.Name)) continue;
        Facts inCaller = conditions.at(s, f, known.get(f));
        if (inCaller == null) continue;
        Values.Evaluation run = values.of(f, known.get(f).values());
        for (FunctionDef callee : callees(call.call(), f, inCaller)) {
          if (stopAt.contains(callee.name())) continue;
          Facts at = inCaller.withValues(run.passed(call, callee));
          Facts before = known.get(callee);
          if (before != null) {
            Facts either = before.union(at);
            if (!either.equals(before)) {
              known.put(callee, either);
              if (!queue.contains(callee)) queue.addLast(callee);
            }
            continue;
          }
          List<FunctionDef> next = new ArrayList<>(chain);
          next.add(callee);
          chains.put(callee, List.copyOf(next));
          known.put(callee, at);
          queue.addLast(callee);
        }
      }
    }
    return new Reach(chains, known);
  }

  /** The facts a step of {@code in} runs under, or null when its guards cannot hold. */
  Facts at(Step step, FunctionDef in, Facts facts) {
    return conditions.at(step, in, facts);
  }

  /** Whether some run of the function, started with what the facts say, reaches the step. */
  boolean reaches(Step step, FunctionDef in, Facts facts) {
    return values.of(in, facts.values()).reaches(step);
  }

  /** Whether any of the functions calls, directly, a function of one of these names. */
  static boolean callsAny(Collection<FunctionDef> functions, Collection<String> names) {
    for (FunctionDef f : functions)
      for (Step s : f.steps())
        if (s instanceof Step.CallStep c && names.contains(Expr.calleeName(c.call()))) return true;
    return false;
  }

  /**
   * The functions a call can reach: the one it names, or, for a call through an ops field such
   * as {@code obj->funcs->mmap(...)}, every function stored in that field of the tables the
   * field's owner can hold (see {@link #tablesHeldBy}).
   */
  List<FunctionDef> callees(Expr.Call call, FunctionDef in, Facts facts) {
    FunctionDef direct = model.resolveFunction(call.callee(), in.file());
    if (direct != null) return List.of(direct);
    if (!(Expr.strip(call.callee()) instanceof Expr.Member m)) return List.of();
    List<FunctionDef> out = new ArrayList<>();
    for (OpsTable t : tablesHeldBy(m.base(), m.arrow(), in, facts)) {
      for (OpsTable.Binding b : t.bindings(m.field())) {
        FunctionDef f = model.resolveFunction(b.value(), b.location().file());
        if (f != null && !out.contains(f)) out.add(f);
      }
    }
    return out;
  }

  /**
   * The ops tables an expression of struct type can denote, by type, refined by one more layer
   * where the expression is itself a field ({@code obj->funcs}: only the tables stored in
   * {@code .funcs} of some table, when any are known), the way multi-layer type analysis narrows
   * kernel indirect calls. Inside a callback of such tables, a parameter's own table ({@code
   * obj->funcs} in a {@code funcs->mmap} callback) is one of the tables that hold the callback.
   * What the path knows narrows the result: the tables it gives the type, or, for a type it
   * says nothing of, those nearest to the tables it knows (the driver's own file_operations for
   * a driver's GEM object).
   */
  List<OpsTable> tablesHeldBy(Expr object, boolean throughPointer, FunctionDef in, Facts facts) {
    TypeRef type = model.typeOf(object, in);
    if (throughPointer) type = type.pointee();
    if (!type.isKnown() || type.pointers() != 0) return List.of();
    Set<OpsTable> known = facts.tables().get(type.name());
    List<OpsTable> found = byType(object, type, in, facts);
    if (known == null) return found.isEmpty() ? nearest(model.opsTables(type.name()), facts) : found;
    List<OpsTable> both = found.stream().filter(known::contains).toList();
    return both.isEmpty() ? List.copyOf(known) : both;
  }

  /** The tables found from the expression itself, or none when only its type is known. */
  private List<OpsTable> byType(Expr object, TypeRef type, FunctionDef in, Facts facts) {
    if (Expr.strip(object) instanceof Expr.Member outer) {
      List<OpsTable> stored = new ArrayList<>();
      for (OpsTable owner : tablesHeldBy(outer.base(), outer.arrow(), in, facts)) {
        for (OpsTable.Binding b : owner.bindings(outer.field())) {
          OpsTable t = model.opsTable(b.value(), type.name(), b.location().file());
          if (t != null && !stored.contains(t)) stored.add(t);
        }
      }
      if (!stored.isEmpty()) return stored;
    }
    OpsTable named = model.opsTable(object, type.name(), in.file());
    if (named != null) return List.of(named);
    // A callback of tables of this very type, looking at its own object's table (obj->funcs inside
    // a funcs->mmap callback), sees one of the tables that hold it.
    if (Expr.strip(object) instanceof Expr.Member m
        && m.base() instanceof Expr.Name n
        && in.params().stream().anyMatch(p -> p.name().equals(n.name()))) {
      return tablesHolding(in, type.name());
    }
    return List.of();
  }

  /**
   * Of the tables of a type, those of the driver of the tables the path knows (for each known
   * table, the ones in the directory nearest to it); without such knowledge, those near home. A
   * known table whose nearest are spread over several directories is a core one that any driver
   * may use (drm_gpuvm's object table beside drm_prime.c): it tells no driver.
   */
  private List<OpsTable> nearest(List<OpsTable> tables, Facts facts) {
    Set<OpsTable> out = new LinkedHashSet<>();
    for (Set<OpsTable> knownTables : facts.tables().values()) {
      for (OpsTable k : knownTables) {
        int best = -1;
        List<OpsTable> nearest = new ArrayList<>();
        for (OpsTable t : tables) {
          int depth = ProgramModel.sharedDirectoryDepth(t.file(), k.file());
          if (depth > best) {
            best = depth;
            nearest.clear();
          }
          if (depth == best) nearest.add(t);
        }
        if (nearest.stream().map(t -> ProgramModel.directory(t.file())).distinct().count() == 1) out.addAll(nearest);
      }
    }
    if (out.isEmpty()) return nearHome(tables);
    return tables.stream().filter(out::contains).toList();
  }

  /** The tables defined in the home directory, if it has some and no subdirectory has; else all. */
  private List<OpsTable> nearHome(List<OpsTable> tables) {
    if (home == null) return tables;
    List<OpsTable> own = new ArrayList<>();
    for (OpsTable t : tables) {
      String dir = ProgramModel.directory(t.file());
      if (dir.equals(home)) own.add(t);
      else if (dir.startsWith(home + "/")) return tables;
    }
    return own.isEmpty() ? tables : own;
  }

  /** The tables of that type with a field bound to the function. */
  private List<OpsTable> tablesHolding(FunctionDef f, String type) {
    return holders.computeIfAbsent(type, this::holdersOf).getOrDefault(f, List.of());
  }

  /** For each function bound in a table of the type, those tables, in the type's order. */
  private Map<FunctionDef, List<OpsTable>> holdersOf(String type) {
    Map<FunctionDef, Set<OpsTable>> holding = new HashMap<>();
    for (OpsTable t : model.opsTables(type))
      for (List<OpsTable.Binding> bindings : t.fields().values())
        for (OpsTable.Binding b : bindings) {
          FunctionDef f = model.resolveFunction(b.value(), b.location().file());
          if (f != null) holding.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(t);
        }
    Map<FunctionDef, List<OpsTable>> out = new HashMap<>();
    holding.forEach((f, tables) -> out.put(f, List.copyOf(tables)));
    return out;
  }

  /**
   * What holds of the object that gave a stored value from its table ({@code obj->funcs->vm_ops})
   * once the value is known to be {@code table}: the object holds one of the tables whose field
   * binds it. Facts unchanged when the value names a table itself or no known table binds it.
   */
  Facts holding(Expr value, OpsTable table, FunctionDef in, Facts facts) {
    if (!(Expr.strip(value) instanceof Expr.Member m)) return facts;
    TypeRef owner = model.ownerType(m, in);
    if (!owner.isKnown() || owner.pointers() != 0) return facts;
    Set<OpsTable> holders = new LinkedHashSet<>();
    for (OpsTable t : tablesHeldBy(m.base(), m.arrow(), in, facts))
      for (OpsTable.Binding b : t.bindings(m.field()))
        if (table.equals(model.opsTable(b.value(), table.type(), b.location().file()))) holders.add(t);
    Facts narrowed = holders.isEmpty() ? null : facts.narrowed(Map.of(owner.name(), holders));
    return narrowed == null ? facts : narrowed;
  }

  /** The tables of that type a stored value can be: one it names, or any a field can hold. */
  List<OpsTable> tablesOf(Expr value, String type, FunctionDef in, Facts facts) {
    OpsTable named = model.opsTable(value, type, in.file());
    if (named != null) return List.of(named);
    if (Expr.strip(value) instanceof Expr.Member m) {
      List<OpsTable> out = new ArrayList<>();
      for (OpsTable owner : tablesHeldBy(m.base(), m.arrow(), in, facts)) {
        for (OpsTable.Binding b : owner.bindings(m.field())) {
          OpsTable t = model.opsTable(b.value(), type, b.location().file());
          if (t != null && !out.contains(t)) out.add(t);
        }
      }
      return out;
    }
    return List.of();
  }
}
