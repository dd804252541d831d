package org.mmapcheck.analyzer.model;

import java.util.List;

/**
 * One thing a function body does, in source order, with the conditions that guard it: those of
 * the enclosing if branches, and the negation of each earlier {@code if (c) ... return;} of the
 * enclosing blocks, whose branch leaves the function.
 */
public sealed interface Step {

  Location location();

  /** The conditions that must hold (or fail) for the step to run, outermost first. */
  List<Guard> guards();

  /** A condition the step runs under: {@code condition} is true when {@code holds}, else false. */
  record Guard(Expr condition, boolean holds) {}

  /** A call; the callee is a {@link Expr.Name} for a direct call, anything else for an indirect one. */
  record CallStep(Expr.Call call, Location location, List<Guard> guards) implements Step {
    public CallStep(Expr.Call call, Location location) {
      this(call, location, List.of());
    }
  }

  /** {@code target = value} (or a compound assignment, {@code op} then holds e.g. {@code |=}). */
  record Store(Expr target, String op, Expr value, Location location, List<Guard> guards) implements Step {
    public Store(Expr target, String op, Expr value, Location location) {
      this(target, op, value, location, List.of());
    }
  }

  /** {@code return value;}; value is null for a bare return. */
  record Return(Expr value, Location location, List<Guard> guards) implements Step {
    public Return(Expr value, Location location) {
      this(value, location, List.of());
    }
  }

  /** The condition of an if, loop or conditional expression. */
  record Condition(Expr condition, Location location, List<Guard> guards) implements Step {
    public Condition(Expr condition, Location location) {
      this(condition, location, List.of());
    }
  }

  /** An expression evaluated for what it reads: a for loop's start and step (loop macros' arguments). */
  record Use(Expr expression, Location location, List<Guard> guards) implements Step {
    public Use(Expr expression, Location location) {
      this(expression, location, List.of());
    }
  }

  /** The expression the step evaluates as a whole, for rules that ask what it reads. */
  static Expr expression(Step s) {
    if (s instanceof CallStep c) return c.call();
    if (s instanceof Store st) return new Expr.Binary(st.op(), st.target(), st.value(), st.value().text());
    if (s instanceof Return r) return r.value() == null ? new Expr.Other("") : r.value();
    if (s instanceof Condition c) return c.condition();
    return ((Use) s).expression();
  }
}
