package org.mmapcheck.analyzer.model;

/** One thing a function body does, in source order. */
public sealed interface Step extends java.io.Serializable {

  Location location();

  /** A call; the callee is a {@link Expr.Name} for a direct call, anything else for an indirect one. */
  record CallStep(Expr.Call call, Location location) implements Step {}

  /** {@code target = value} (or a compound assignment, {@code op} then holds e.g. {@code |=}). */
  record Store(Expr target, String op, Expr value, Location location) implements Step {}

  /** {@code return value;}; value is null for a bare return. */
  record Return(Expr value, Location location) implements Step {}

  /** The condition of an if, loop or conditional expression. */
  record Condition(Expr condition, Location location) implements Step {}

  /** An expression evaluated for what it reads: a for loop's start and step (loop macros' arguments). */
  record Use(Expr expression, Location location) implements Step {}

  /** The expression the step evaluates as a whole, for rules that ask what it reads. */
  static Expr expression(Step s) {
    if (s instanceof CallStep c) return c.call();
    if (s instanceof Store st) return new Expr.Binary(st.op(), st.target(), st.value(), st.value().text());
    if (s instanceof Return r) return r.value() == null ? new Expr.Other("") : r.value();
    if (s instanceof Condition c) return c.condition();
    return ((Use) s).expression();
  }
}
