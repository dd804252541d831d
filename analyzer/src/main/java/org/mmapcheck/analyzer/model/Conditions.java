package org.mmapcheck.analyzer.model;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the guards of a step say about the ops tables on the path: {@code if (obj->funcs->mmap)}
 * holds only for the tables that set .mmap, its fallback only for those that leave it unset, and
 * {@code if (!vma->vm_ops)} only where the vm_ops stored before were NULL. Other conditions say
 * nothing. An object's pointer to its table ({@code obj->funcs}) is taken as set: the objects
 * followed are those that hold one of the tables.
 */
final class Conditions {

  private final ProgramModel model;
  private final CallGraph calls;

  Conditions(ProgramModel model, CallGraph calls) {
    this.model = model;
    this.calls = calls;
  }

  /**
   * The facts under which a step of {@code in} runs, or null when its guards cannot all hold, or
   * no run reaches it with the values the facts give ({@link Values}).
   */
  Facts at(Step step, FunctionDef in, Facts facts) {
    if (!calls.reaches(step, in, facts)) return null;
    Facts out = facts.withVmOps(vmOpsBefore(step, in, facts));
    for (Step.Guard g : step.guards()) {
      Narrowing n = truth(g.condition(), g.holds(), in, out);
      if (n.never()) return null;
      out = out.narrowed(n.tables());
      if (out == null) return null;
    }
    return out;
  }

  /**
   * Where the vm_ops a step sees came from: the last store into {@code vm_ops} before it in the
   * function that runs whenever the step does (its guards are among the step's), else what the
   * caller stored.
   */
  private Facts.VmOps vmOpsBefore(Step step, FunctionDef in, Facts facts) {
    Facts.VmOps source = facts.vmOps();
    for (Step s : in.steps()) {
      if (s == step) break;
      if (s instanceof Step.Store store
          && store.target() instanceof Expr.Member m
          && m.field().equals("vm_ops")
          && step.guards().containsAll(store.guards())) {
        source = source(store.value(), in, facts);
      }
    }
    return source;
  }

  private Facts.VmOps source(Expr value, FunctionDef in, Facts facts) {
    if (model.opsTable(value, "vm_operations_struct", in.file()) != null) return Facts.VmOps.NAMED_TABLE;
    if (Expr.strip(value) instanceof Expr.Member m) {
      TypeRef owner = ownerType(m, in);
      if (owner != null && !calls.tablesHeldBy(m.base(), m.arrow(), in, facts).isEmpty())
        return new Facts.VmOps(owner.name(), m.field());
    }
    return null;
  }

  /** What a condition being {@code holds} (true, or false) says about the tables. */
  private Narrowing truth(Expr e, boolean holds, FunctionDef in, Facts facts) {
    if (e instanceof Expr.Unary u && u.op().equals("!")) return truth(u.operand(), !holds, in, facts);
    if (e instanceof Expr.Binary b && (b.op().equals("&&") || b.op().equals("||"))) {
      Narrowing l = truth(b.left(), holds, in, facts);
      Narrowing r = truth(b.right(), holds, in, facts);
      // a && b holds when both do; fails when either does (and || the other way round).
      return b.op().equals("&&") == holds ? l.and(r) : l.or(r);
    }
    if (e instanceof Expr.Binary b && (b.op().equals("==") || b.op().equals("!="))) {
      Expr other = isNull(b.right()) ? b.left() : isNull(b.left()) ? b.right() : null;
      if (other != null) return truth(other, b.op().equals("!=") == holds, in, facts);
    }
    if (e instanceof Expr.Member m) return fieldSet(m, holds, in, facts);
    return Narrowing.NOTHING;
  }

  /** What {@code base->field} being set (or unset) says. */
  private Narrowing fieldSet(Expr.Member m, boolean set, FunctionDef in, Facts facts) {
    TypeRef owner = ownerType(m, in);
    if (owner == null) return Narrowing.NOTHING;
    if (owner.is("vm_area_struct") && m.field().equals("vm_ops")) return vmOpsSet(set, facts);
    TypeRef field = model.typeOf(m, in);
    if (field.pointers() == 0) return Narrowing.NOTHING; // a flag or count, not a callback or table
    List<OpsTable> held = calls.tablesHeldBy(m.base(), m.arrow(), in, facts);
    if (!held.isEmpty()) {
      Set<OpsTable> out = new LinkedHashSet<>();
      for (OpsTable t : held) if (t.has(m.field()) == set) out.add(t);
      // A check for a field no known table sets says more of the tables known than of the code.
      if (set && out.isEmpty()) return Narrowing.NOTHING;
      return new Narrowing(false, Map.of(owner.name(), out));
    }
    boolean pointsAtTables = field.pointers() == 1 && !model.opsTables(field.name()).isEmpty();
    return pointsAtTables && !set ? Narrowing.NEVER : Narrowing.NOTHING;
  }

  private Narrowing vmOpsSet(boolean set, Facts facts) {
    Facts.VmOps source = facts.vmOps();
    if (source == null) return Narrowing.NOTHING;
    if (source.equals(Facts.VmOps.NAMED_TABLE)) return set ? Narrowing.NOTHING : Narrowing.NEVER;
    Set<OpsTable> out = new LinkedHashSet<>();
    Set<OpsTable> known = facts.tables().get(source.type());
    for (OpsTable t : known != null ? known : model.opsTables(source.type()))
      if (t.has(source.field()) == set) out.add(t);
    return new Narrowing(false, Map.of(source.type(), out));
  }

  /** The struct type that holds the member's field, or null when not known. */
  private TypeRef ownerType(Expr.Member m, FunctionDef in) {
    TypeRef owner = model.ownerType(m, in);
    return owner.isKnown() && owner.pointers() == 0 ? owner : null;
  }

  private static boolean isNull(Expr e) {
    return e instanceof Expr.Name n && n.name().equals("NULL") || e instanceof Expr.Literal l && l.text().equals("0");
  }

  /**
   * The tables a condition leaves each type (a type not listed keeps all), or {@code never} when
   * it cannot hold for the objects followed.
   */
  private record Narrowing(boolean never, Map<String, Set<OpsTable>> tables) {
    static final Narrowing NOTHING = new Narrowing(false, Map.of());
    static final Narrowing NEVER = new Narrowing(true, Map.of());

    Narrowing and(Narrowing o) {
      if (never || o.never) return NEVER;
      Map<String, Set<OpsTable>> out = new LinkedHashMap<>(tables);
      o.tables.forEach(
          (type, ts) -> out.merge(type, ts, (a, b) -> {
            Set<OpsTable> both = new LinkedHashSet<>(a);
            both.retainAll(b);
            return both;
          }));
      return new Narrowing(false, out);
    }

    Narrowing or(Narrowing o) {
      if (never) return o;
      if (o.never) return this;
      Map<String, Set<OpsTable>> out = new LinkedHashMap<>();
      tables.forEach(
          (type, ts) -> {
            Set<OpsTable> theirs = o.tables.get(type);
            if (theirs == null) return;
            Set<OpsTable> either = new LinkedHashSet<>(ts);
            either.addAll(theirs);
            out.put(type, either);
          });
      return new Narrowing(false, out);
    }
  }
}
