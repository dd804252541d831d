package org.mmapcheck.analyzer.model;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a path knows about the objects it works on: the ops tables an object of each ops type can
 * hold there (the GEM funcs tables an exporter's objects carry, those a null check of a field
 * leaves), where the vm_ops stored into the vma earlier on the path came from, and what the
 * caller passed in the function's parameters ({@link Values}).
 *
 * @param tables for each ops type narrowed on the path, the tables its objects can hold; a type
 *     not listed can hold any table the type-based resolution finds
 * @param vmOps the vm_ops stored earlier on the path, or null when none is known
 * @param values what the scalars under the function's parameters hold when it starts, by path
 *     ({@code placement.num_placement})
 */
public record Facts(Map<String, Set<OpsTable>> tables, VmOps vmOps, Map<String, Value> values) {

  public static final Facts NONE = new Facts(Map.of(), null);

  /**
   * Where stored vm_ops came from: a table named at the store (never NULL), or field {@code
   * field} of the table an object of ops type {@code type} holds ({@code obj->funcs->vm_ops}),
   * NULL for the tables that leave it unset.
   */
  public record VmOps(String type, String field) {
    public static final VmOps NAMED_TABLE = new VmOps("", "");
  }

  public Facts {
    tables = Map.copyOf(tables);
    values = Map.copyOf(values);
  }

  public Facts(Map<String, Set<OpsTable>> tables, VmOps vmOps) {
    this(tables, vmOps, Map.of());
  }

  Facts withVmOps(VmOps source) {
    return new Facts(tables, source, values);
  }

  Facts withValues(Map<String, Value> passed) {
    return new Facts(tables, vmOps, passed);
  }

  /** These facts with each listed type narrowed further; null when a type is left no table. */
  Facts narrowed(Map<String, Set<OpsTable>> more) {
    Map<String, Set<OpsTable>> out = new LinkedHashMap<>(tables);
    for (Map.Entry<String, Set<OpsTable>> e : more.entrySet()) {
      Set<OpsTable> both = new LinkedHashSet<>(e.getValue());
      Set<OpsTable> known = tables.get(e.getKey());
      if (known != null) both.retainAll(known);
      if (both.isEmpty()) return null;
      out.put(e.getKey(), both);
    }
    return new Facts(out, vmOps, values);
  }

  /** What holds on either of two paths into the same function. */
  Facts union(Facts other) {
    Map<String, Set<OpsTable>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Set<OpsTable>> e : tables.entrySet()) {
      Set<OpsTable> theirs = other.tables.get(e.getKey());
      if (theirs == null) continue;
      Set<OpsTable> either = new LinkedHashSet<>(e.getValue());
      either.addAll(theirs);
      out.put(e.getKey(), either);
    }
    return new Facts(out, java.util.Objects.equals(vmOps, other.vmOps) ? vmOps : null, Values.either(values, other.values));
  }
}
