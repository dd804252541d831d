package org.mmapcheck.analyzer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The ways an exporter's mmap can succeed, as the things a question cares about that each does,
 * in order. A run picks one side of each condition that guards such a thing (and one callee of a
 * call through an ops field); runs where an error return is taken, a step the path has shown
 * infeasible would run ({@code if (obj->funcs->mmap)} for tables that leave it unset), or an
 * imported object's mapping is forwarded to its exporter, are left out. So "vma_set_file() in
 * the else branch" is one run of two, not a property of the exporter.
 */
public final class Runs {

  /** One thing a run does that the question asks about, and the function that does it. */
  public record Effect(String value, FunctionDef function) {}

  /**
   * One way the mmap can run: its effects in order (each kept at its last occurrence), and, for a
   * run that does nothing the question asks about, the function whose branch or callee made it so.
   */
  public record Run(List<Effect> effects, FunctionDef where) {
    static final Run NOTHING = new Run(List.of(), null);

    /** The first effect with one of these values, or null. */
    public Effect first(Set<String> values) {
      return effects.stream().filter(e -> values.contains(e.value())).findFirst().orElse(null);
    }

    Run then(Run next, FunctionDef callee) {
      if (next.effects.isEmpty() && next.where == null && callee == null) return this;
      List<Effect> all = new ArrayList<>(effects);
      for (Effect e : next.effects) {
        all.remove(e);
        all.add(e);
      }
      FunctionDef w = where != null ? where : next.where != null ? next.where : callee;
      return new Run(List.copyOf(all), w);
    }
  }

  /**
   * The effect of a call through a function pointer that hands over the vma but reaches no
   * function the scan follows: it may do anything the question asks about.
   */
  public static final String UNRESOLVED = "unresolved";

  /** More conditions than this in one function are not enumerated: its effects then all depend. */
  private static final int MAX_CONDITIONS = 12;

  private final ProgramModel model;
  private final MmapPath path;
  private final Function<MmapPath.Site, String> effect;
  private final Map<FunctionDef, List<MmapPath.Site>> sites = new HashMap<>();
  private final Map<FunctionDef, Set<Run>> done = new HashMap<>();
  private final Deque<FunctionDef> active = new ArrayDeque<>();

  private Runs(ProgramModel model, MmapPath path, Function<MmapPath.Site, String> effect) {
    // Calls resolve as they did for the path: from the exporter's directory.
    this.model = model.seenFrom(ProgramModel.directory(path.exporter().file()));
    this.path = path;
    this.effect = effect;
    for (MmapPath.Site s : path.sites())
      if (!s.atFaultTime()) sites.computeIfAbsent(s.function(), k -> new ArrayList<>()).add(s);
  }

  /**
   * The runs of the path's mmap at mmap time, by what {@code effect} says of each step (null for
   * nothing); a run with no effect names the function where it was chosen, else the handler.
   */
  public static Set<Run> of(ProgramModel model, MmapPath path, Function<MmapPath.Site, String> effect) {
    Set<Run> out = new LinkedHashSet<>();
    for (Run r : new Runs(model, path, effect).runs(path.handler()))
      out.add(r.where() == null ? new Run(r.effects(), path.handler()) : r);
    if (out.isEmpty()) out.add(new Run(List.of(), path.handler())); // every run fails: nothing is done
    return out;
  }

  /** A step that matters to the question: its own effect, and the runs of what it calls. */
  private record Relevant(MmapPath.Site site, String effect, Map<FunctionDef, Set<Run>> callees) {}

  private Set<Run> runs(FunctionDef f) {
    Set<Run> known = done.get(f);
    if (known != null) return known;
    active.push(f);
    Set<Run> out = enumerate(f);
    active.pop();
    done.put(f, out);
    return out;
  }

  private Set<Run> enumerate(FunctionDef f) {
    List<Step.Return> returns = f.steps().stream().filter(s -> s instanceof Step.Return).map(s -> (Step.Return) s).toList();
    if (!returns.isEmpty() && returns.stream().allMatch(Runs::fails)) return Set.of(); // a stub that refuses
    if (f.steps().stream().anyMatch(s -> forwardsImported(s) && s.guards().isEmpty())) return Set.of(); // an importer's
    List<MmapPath.Site> feasible = sites.getOrDefault(f, List.of());
    Set<Step> runnable = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Relevant> relevant = new ArrayList<>();
    for (MmapPath.Site site : feasible) {
      runnable.add(site.step());
      Map<FunctionDef, Set<Run>> callees = new LinkedHashMap<>();
      if (site.step() instanceof Step.CallStep call) {
        Facts facts = model.factsAt(site.step(), f, path.mmapFacts().getOrDefault(f, Facts.NONE));
        List<FunctionDef> all = model.callees(call.call(), f, facts == null ? Facts.NONE : facts);
        if (all.isEmpty() && checkedSet(call)) {
          runnable.remove(site.step()); // no table on the path sets the field its branch checks
          continue;
        }
        boolean followed = false;
        for (FunctionDef g : all) {
          if (!path.reach().containsKey(g)) continue;
          followed = true;
          if (!active.contains(g)) callees.put(g, runs(g));
        }
        if (callees.values().stream().allMatch(Set.of(Run.NOTHING)::equals)) callees.clear();
        if (!followed && blind(call, f)) {
          relevant.add(new Relevant(site, UNRESOLVED, Map.of()));
          continue;
        }
      }
      String own = effect.apply(site);
      if (own != null || !callees.isEmpty()) relevant.add(new Relevant(site, own, callees));
    }
    if (relevant.isEmpty()) return Set.of(Run.NOTHING);

    List<Expr> conditions = new ArrayList<>();
    for (Relevant r : relevant)
      for (Step.Guard g : r.site().step().guards()) if (!conditions.contains(g.condition())) conditions.add(g.condition());
    if (conditions.size() > MAX_CONDITIONS) return unknownBranches(f, relevant);

    List<Step> failures = new ArrayList<>();
    Map<Step.Return, List<Step.Store>> localReturns = new LinkedHashMap<>(); // with the stores that reach them
    List<Step> infeasible = new ArrayList<>();
    for (Step s : f.steps()) {
      if (!runnable.contains(s) || forwardsImported(s)) infeasible.add(s);
      else if (s instanceof Step.Return r && fails(r)) failures.add(s);
      else if (s instanceof Step.Return r && r.value() != null && Expr.strip(r.value()) instanceof Expr.Name n && f.variable(n.name()) != null)
        localReturns.put(r, Locals.storesReaching(f, n.name(), r));
    }
    Set<Run> out = new LinkedHashSet<>();
    for (int bits = 0; bits < 1 << conditions.size(); bits++) {
      Map<Expr, Boolean> choice = new HashMap<>();
      for (int i = 0; i < conditions.size(); i++) choice.put(conditions.get(i), (bits >> i & 1) == 1);
      if (choice.entrySet().stream().anyMatch(c -> Boolean.valueOf(!c.getValue()).equals(whenOwn(c.getKey())))) continue;
      if (failures.stream().anyMatch(s -> decided(s, choice) == Boolean.TRUE)) continue;
      if (localReturns.entrySet().stream().anyMatch(r -> decided(r.getKey(), choice) == Boolean.TRUE && failsOn(r.getKey(), r.getValue(), f, choice)))
        continue;
      if (infeasible.stream().anyMatch(s -> decided(s, choice) == Boolean.TRUE)) continue;
      out.addAll(follow(relevant.stream().filter(r -> decided(r.site().step(), choice) == Boolean.TRUE).toList(), f));
    }
    return out.size() == 1 ? out : named(out, f);
  }

  /** The runs of these steps taken in order: each effect added, each callee's runs followed. */
  private static Set<Run> follow(List<Relevant> steps, FunctionDef f) {
    Set<Run> runs = Set.of(Run.NOTHING);
    for (Relevant r : steps) {
      if (r.effect() != null) {
        Run own = new Run(List.of(new Effect(r.effect(), f)), null);
        Set<Run> next = new LinkedHashSet<>();
        for (Run b : runs) next.add(b.then(own, null));
        runs = next;
      }
      if (r.callees().isEmpty()) continue;
      // A call through an ops field whose callees differ is decided by the callee: it is named.
      boolean dispatch = r.callees().size() > 1;
      Set<Run> next = new LinkedHashSet<>();
      for (Run b : runs)
        r.callees().forEach((g, rs) -> rs.forEach(c -> next.add(b.then(c, dispatch ? g : null))));
      runs = next;
    }
    return runs;
  }

  /** Runs that differ here, and did nothing the question asks about, were chosen in {@code f}. */
  private static Set<Run> named(Set<Run> runs, FunctionDef f) {
    Set<Run> out = new LinkedHashSet<>();
    for (Run r : runs) out.add(r.effects().isEmpty() && r.where() == null ? new Run(r.effects(), f) : r);
    return out;
  }

  /** Too many conditions to follow: every effect on one run, and a run with none, so it depends. */
  private static Set<Run> unknownBranches(FunctionDef f, List<Relevant> relevant) {
    Set<Run> out = new LinkedHashSet<>(follow(relevant, f));
    out.add(new Run(List.of(), f));
    return out;
  }

  /**
   * Whether the call goes through an ops field and passes a vma; not the vma's own vm_ops
   * ({@code vma->vm_ops->open(vma)}), which count the mapping's users rather than set it up.
   */
  private boolean blind(Step.CallStep call, FunctionDef f) {
    if (!(Expr.strip(call.call().callee()) instanceof Expr.Member m)) return false;
    if (Expr.strip(m.base()) instanceof Expr.Member b && b.field().equals("vm_ops")
        || model.typeOf(m.base(), f).isPointerTo("vm_operations_struct")) return false;
    return call.call().args().stream().anyMatch(a -> model.typeOf(a, f).isPointerTo("vm_area_struct"));
  }

  /**
   * Whether a call through an ops field sits in a branch that checks that field is set ({@code
   * if (obj->funcs->mmap) obj->funcs->mmap(...)}): with no table on the path setting it, the branch
   * cannot be taken.
   */
  private static boolean checkedSet(Step.CallStep call) {
    Expr callee = Expr.strip(call.call().callee());
    return callee instanceof Expr.Member
        && call.guards().stream().anyMatch(g -> g.holds() && tests(g.condition(), callee));
  }

  /** Whether the condition holds only when the pointer is set ({@code p}, {@code x && p}). */
  private static boolean tests(Expr condition, Expr pointer) {
    Expr c = Expr.strip(condition);
    if (c instanceof Expr.Binary b && b.op().equals("&&")) return tests(b.left(), pointer) || tests(b.right(), pointer);
    return c.equals(pointer);
  }

  /**
   * What a test of whether a GEM object was imported says on an exporter's path, or null for
   * another condition: an object re-exported after import hands out the dma-buf it was imported
   * from, so the objects an exporter's mmap sees are its own ({@code obj->import_attach} NULL).
   */
  private static Boolean whenOwn(Expr condition) {
    Expr c = Expr.strip(condition);
    if (c instanceof Expr.Unary u && u.op().equals("!")) {
      Boolean inner = whenOwn(u.operand());
      return inner == null ? null : !inner;
    }
    boolean imported = c instanceof Expr.Member m && m.field().equals("import_attach")
        || c instanceof Expr.Call call && "drm_gem_is_imported".equals(Expr.calleeName(call));
    return imported ? Boolean.FALSE : null;
  }

  /**
   * Whether the step forwards the mapping to the dma-buf its object was imported from
   * ({@code dma_buf_mmap(obj->dma_buf, vma, 0)}, in an importer's own ops as etnaviv's prime ops):
   * as with {@link #whenOwn}, the objects an exporter's mmap sees are its own, never imported ones.
   */
  private static boolean forwardsImported(Step s) {
    return s instanceof Step.CallStep c && "dma_buf_mmap".equals(Expr.calleeName(c.call()));
  }

  /** TRUE when the choice makes all the step's guards hold; null when it leaves one open. */
  private static Boolean decided(Step s, Map<Expr, Boolean> choice) {
    for (Step.Guard g : s.guards()) {
      Boolean taken = choice.get(g.condition());
      if (taken == null) return null;
      if (taken != g.holds()) return Boolean.FALSE;
    }
    return Boolean.TRUE;
  }

  /**
   * A return that reports an error: a negative errno, {@code PTR_ERR()}, or a value the branch
   * around it found set ({@code if (ret) return ret;}, {@code if (ret < 0) return ret;}).
   */
  static boolean fails(Step.Return r) {
    Expr v = r.value() == null ? null : Expr.strip(r.value());
    if (isError(v)) return true;
    if (!(v instanceof Expr.Name n) || r.guards().isEmpty()) return false;
    Step.Guard inner = r.guards().get(r.guards().size() - 1);
    return inner.holds() && findsSet(inner.condition(), n.name());
  }

  /** Whether the condition, when it holds, found the local set ({@code ret}, {@code ret < 0}): it names it, not negated. */
  private static boolean findsSet(Expr condition, String local) {
    boolean negated = condition instanceof Expr.Unary u && u.op().equals("!");
    return !negated && Expr.all(condition).stream().anyMatch(x -> x instanceof Expr.Name m && m.name().equals(local));
  }

  private static boolean isError(Expr v) {
    return v instanceof Expr.Unary u && u.op().equals("-")
        || v instanceof Expr.Call c && "PTR_ERR".equals(Expr.calleeName(c));
  }

  /**
   * Whether the run returns an error through a local ({@code ret = -ENOMEM; goto out; ...
   * out: return ret;}): the last store to it the run takes is an error, or a condition the run
   * takes true after that store found it set ({@code if (ret) goto out;}). False where the choice
   * leaves one of the stores that reach the return open.
   */
  private static boolean failsOn(Step.Return r, List<Step.Store> reaching, FunctionDef f, Map<Expr, Boolean> choice) {
    String local = ((Expr.Name) Expr.strip(r.value())).name();
    Step.Store last = null;
    for (Step.Store st : reaching) {
      Boolean taken = decided(st, choice);
      if (taken == null) return false;
      if (taken) last = st;
    }
    if (last == null) return false;
    if (isError(Expr.strip(last.value()))) return true;
    boolean after = false;
    for (Step s : f.steps()) {
      if (s == r) break;
      if (s == last) after = true;
      else if (after && s instanceof Step.Condition c && choice.get(c.condition()) == Boolean.TRUE && decided(s, choice) == Boolean.TRUE
          && findsSet(c.condition(), local))
        return true;
    }
    return false;
  }
}
