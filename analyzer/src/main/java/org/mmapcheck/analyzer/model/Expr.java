package org.mmapcheck.analyzer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A C expression reduced to what the rules ask about. Anything else becomes {@link Other},
 * which keeps its source text so messages can still quote it.
 */
public sealed interface Expr {

  /** Source text, normalised to single spaces. */
  String text();

  /** An identifier: a variable, function or enum constant. */
  record Name(String name, String text) implements Expr {}

  /** {@code base.field} or {@code base->field}. */
  record Member(Expr base, String field, boolean arrow, String text) implements Expr {}

  /** A prefix or postfix unary operator: {@code &}, {@code *}, {@code -}, {@code !}, ... */
  record Unary(String op, Expr operand, String text) implements Expr {}

  record Binary(String op, Expr left, Expr right, String text) implements Expr {}

  record Call(Expr callee, List<Expr> args, String text) implements Expr {}

  record Cast(TypeRef type, Expr operand, String text) implements Expr {}

  record Subscript(Expr array, Expr index, String text) implements Expr {}

  record Conditional(Expr condition, Expr ifTrue, Expr ifFalse, String text) implements Expr {}

  /** A number, character or string literal. */
  record Literal(String text) implements Expr {}

  record Other(String text) implements Expr {}

  /** The function named by a callee or a stored value: {@code f} and {@code &f} both name f. */
  static String functionName(Expr e) {
    if (e instanceof Name n) return n.name();
    if (e instanceof Unary u && u.op().equals("&") && u.operand() instanceof Name n) return n.name();
    if (e instanceof Cast c) return functionName(c.operand());
    return null;
  }

  /** This expression and every expression inside it, outermost first. */
  static List<Expr> all(Expr e) {
    List<Expr> out = new ArrayList<>();
    ArrayDeque<Expr> todo = new ArrayDeque<>(List.of(e));
    while (!todo.isEmpty()) {
      Expr x = todo.removeFirst();
      out.add(x);
      if (x instanceof Member m) todo.add(m.base());
      else if (x instanceof Unary u) todo.add(u.operand());
      else if (x instanceof Binary b) todo.addAll(List.of(b.left(), b.right()));
      else if (x instanceof Call c) {
        todo.add(c.callee());
        todo.addAll(c.args());
      } else if (x instanceof Cast c) todo.add(c.operand());
      else if (x instanceof Subscript s) todo.addAll(List.of(s.array(), s.index()));
      else if (x instanceof Conditional c) todo.addAll(List.of(c.condition(), c.ifTrue(), c.ifFalse()));
    }
    return out;
  }

  /** Whether the expression is the field of something, casts and {@code &}/{@code *} aside: {@code vma->vm_pgoff}. */
  static boolean isField(Expr e, String field) {
    return strip(e) instanceof Member m && m.field().equals(field);
  }

  /** Whether the expression names the variable anywhere. */
  static boolean mentionsName(Expr e, String name) {
    for (Expr x : all(e)) if (x instanceof Name n && n.name().equals(name)) return true;
    return false;
  }

  /** Whether the expression reads or names the field anywhere, as in {@code vma->vm_pgoff}. */
  static boolean mentionsField(Expr e, String field) {
    for (Expr x : all(e)) if (x instanceof Member m && m.field().equals(field)) return true;
    return false;
  }

  /** The comparison with its operands swapped: {@code a < b} is {@code b > a}; other operators as they are. */
  static String mirrored(String op) {
    return switch (op) {
      case "<" -> ">";
      case ">" -> "<";
      case "<=" -> ">=";
      case ">=" -> "<=";
      default -> op;
    };
  }

  /** The name of a direct call's function, or null. */
  static String calleeName(Call c) {
    return functionName(c.callee());
  }

  /** The expression with address-of, dereference and casts taken off. */
  static Expr strip(Expr e) {
    while (true) {
      if (e instanceof Unary u && (u.op().equals("&") || u.op().equals("*"))) e = u.operand();
      else if (e instanceof Cast c) e = c.operand();
      else return e;
    }
  }
}
