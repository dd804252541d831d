package org.mmapcheck.analyzer.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Local data flow in one function, over its steps in source order: what a local may hold where a
 * step runs. A store with "=" that runs whenever the step does (its conditions open the step's)
 * replaces what the local held; any other store adds what it stores ({@code flags |= VM_IO},
 * {@code off = off + n}, or a store in a branch the step is not in), but one no run takes with
 * the step (the other branch of an if, or a branch that returns before it).
 */
public final class Locals {

  private Locals() {}

  /** The stores to the local whose values it may hold where the step runs; at null, at the function's end. */
  public static List<Step.Store> storesReaching(FunctionDef f, String local, Step at) {
    List<Step.Store> stores = new ArrayList<>();
    for (Step s : f.steps()) {
      if (s == at) break;
      if (!(s instanceof Step.Store st) || !(st.target() instanceof Expr.Name t) || !t.name().equals(local)) continue;
      if (at != null && excludes(st.guards(), at.guards())) continue;
      boolean replaces =
          st.op().equals("=") && !Expr.mentionsName(st.value(), local) && opens(st.guards(), at == null ? List.of() : at.guards());
      if (replaces) stores.clear();
      stores.add(st);
    }
    return stores;
  }

  /**
   * What the expression may be where the step runs: itself, or for a local, the values it may hold
   * there, followed through the locals those are (each once); none for a parameter.
   */
  public static List<Expr> valuesAt(FunctionDef f, Step at, Expr e) {
    List<Expr> out = new ArrayList<>();
    valuesAt(f, at, e, new HashSet<>(), out);
    return out;
  }

  private static void valuesAt(FunctionDef f, Step at, Expr e, Set<String> seen, List<Expr> out) {
    if (!(Expr.strip(e) instanceof Expr.Name n) || f.variable(n.name()) == null) {
      out.add(e);
      return;
    }
    if (seen.add(n.name()))
      for (Step.Store st : storesReaching(f, n.name(), at)) valuesAt(f, st, st.value(), seen, out);
  }

  /**
   * Whether every value the expression may be where the step runs passes the test: itself, or for
   * a local, the value of each store that reaches the step, each a plain "=" (followed through the
   * locals those are); false for a local no store reaches, a parameter.
   */
  public static boolean everyValue(FunctionDef f, Step at, Expr e, Predicate<Expr> test) {
    if (!(Expr.strip(e) instanceof Expr.Name n) || f.variable(n.name()) == null) return test.test(e);
    List<Step.Store> stores = storesReaching(f, n.name(), at);
    return !stores.isEmpty() && stores.stream().allMatch(st -> st.op().equals("=") && everyValue(f, st, st.value(), test));
  }

  /**
   * Whether the expression may carry a value the test accepts where the step runs: a part of it
   * does, or a value that a local in it may hold there does, followed through the locals that
   * value names (each local once).
   */
  public static boolean mayCarry(FunctionDef f, Step at, Expr e, Predicate<Expr> test) {
    return mayCarry(f, at, e, test, new HashSet<>());
  }

  private static boolean mayCarry(FunctionDef f, Step at, Expr e, Predicate<Expr> test, Set<String> seen) {
    for (Expr x : Expr.all(e)) {
      if (test.test(x)) return true;
      if (x instanceof Expr.Name n && f.variable(n.name()) != null && seen.add(n.name()))
        for (Step.Store st : storesReaching(f, n.name(), at))
          if (mayCarry(f, st, st.value(), test, seen)) return true;
    }
    return false;
  }

  /**
   * Whether the store copies a field into a local only to put it back ({@code off =
   * vma->vm_pgoff; ... vma->vm_pgoff = off;}): nothing else in the function reads the local.
   */
  public static boolean savesToRestore(FunctionDef f, Step.Store save, String field) {
    if (!(save.target() instanceof Expr.Name local) || !Expr.isField(save.value(), field)) return false;
    for (Step s : f.steps()) {
      if (s == save) continue;
      Expr read = Step.expression(s);
      if (s instanceof Step.Store st && st.op().equals("=")) {
        if (Expr.isField(st.target(), field) && Expr.strip(st.value()) instanceof Expr.Name n && n.name().equals(local.name()))
          continue; // put back
        if (st.target() instanceof Expr.Name t && t.name().equals(local.name())) read = st.value();
      }
      if (Expr.mentionsName(read, local.name())) return false;
    }
    return true;
  }

  /** Whether the step runs whenever the other does: its conditions open the other's. */
  public static boolean runsWhenever(Step step, Step other) {
    return opens(step.guards(), other.guards());
  }

  /** Whether the guards are the first of the step's: the store runs whenever the step does. */
  private static boolean opens(List<Step.Guard> guards, List<Step.Guard> stepGuards) {
    return guards.size() <= stepGuards.size() && guards.equals(stepGuards.subList(0, guards.size()));
  }

  /**
   * Whether no run takes both: one holds under a condition the other holds under the negation
   * of ({@code if (c) off = 0; else use(off);}, or a store in {@code if (c) { ...; return; }} and a
   * step after it).
   */
  private static boolean excludes(List<Step.Guard> guards, List<Step.Guard> stepGuards) {
    for (Step.Guard g : guards)
      for (Step.Guard h : stepGuards)
        if (g.holds() != h.holds() && g.condition().equals(h.condition())) return true;
    return false;
  }
}
