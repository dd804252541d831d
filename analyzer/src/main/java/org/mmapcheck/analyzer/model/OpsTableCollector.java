package org.mmapcheck.analyzer.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the ops tables of a program: objects of a struct type defined with an initializer, and
 * objects of {@link ProgramModel#RUNTIME_OPS_TYPES} filled in by stores at run time.
 */
final class OpsTableCollector {

  private final ProgramModel model;

  private OpsTableCollector(ProgramModel model) {
    this.model = model;
  }


  /** Every ops table of the files, by type, each type's in file and line order. */
  static Map<String, List<OpsTable>> collect(List<FileModel> files, ProgramModel model) {
    OpsTableCollector collector = new OpsTableCollector(model);
    Map<String, List<OpsTable>> opsTables = new HashMap<>();
    Map<String, OpsTableBuilder> byId = new TreeMap<>();
    for (FileModel f : files) {
      for (Initializer init : f.objects()) collector.addInitializer(byId, f.path(), init, init.type());
    }
    for (FileModel f : files) {
      for (FunctionDef fn : f.functions()) {
        for (Step s : fn.steps()) {
          if (s instanceof Step.Store store && store.op().equals("=")) collector.addStore(byId, fn, store);
        }
      }
    }
    for (OpsTableBuilder b : byId.values()) {
      opsTables.computeIfAbsent(b.type, k -> new ArrayList<>()).add(b.build());
    }
    opsTables.replaceAll(
        (type, tables) ->
            tables.stream().sorted(Comparator.comparing(OpsTable::location)).toList());
    return opsTables;
  }

  private void addInitializer(Map<String, OpsTableBuilder> byId, String file, Initializer init, TypeRef type) {
    TypeRef t = type == null ? TypeRef.UNKNOWN : model.resolveTypedefs(type);
    if (t.isKnown() && t.pointers() == 0) {
      OpsTableBuilder b = builder(byId, file + ":" + init.path(), t.name(), init.location(), false);
      for (Initializer.FieldValue v : init.fields())
        b.add(new OpsTable.Binding(v.field(), v.value(), v.location(), null));
    }
    StructDef s = t.pointers() == 0 ? model.struct(t, file) : null;
    for (Initializer part : init.parts()) {
      TypeRef partType;
      if (part.path().endsWith("]")) partType = t.pointee();
      else {
        String field = part.path().substring(part.path().lastIndexOf('.') + 1);
        partType = s == null ? TypeRef.UNKNOWN : s.fields().getOrDefault(field, TypeRef.UNKNOWN);
      }
      addInitializer(byId, file, part, partType);
    }
  }

  /** {@code obj.field = value} where obj is an ops object: a run-time fill of that object. */
  private void addStore(Map<String, OpsTableBuilder> byId, FunctionDef fn, Step.Store store) {
    if (store.target() instanceof Expr.Member m) {
      TypeRef base = model.typeOf(m.base(), fn);
      if (m.arrow()) base = base.pointee();
      if (base.pointers() == 0 && ProgramModel.RUNTIME_OPS_TYPES.contains(base.name())) {
        String id = objectId(m.base(), m.arrow(), fn);
        if (id != null) {
          builder(byId, id, base.name(), store.location(), true)
              .add(new OpsTable.Binding(m.field(), store.value(), store.location(), fn));
        }
      }
    }
    // A whole table copied in ("dev->ops = *base;") makes the target an object of that type.
    TypeRef target = model.typeOf(store.target(), fn);
    if (target.pointers() == 0 && ProgramModel.RUNTIME_OPS_TYPES.contains(target.name())) {
      String id = objectId(store.target(), false, fn);
      if (id != null) {
        builder(byId, id, target.name(), store.location(), true)
            .copies.add(new OpsTable.Binding("", store.value(), store.location(), fn));
      }
    }
  }

  /** A stable id for the object an lvalue denotes, or null when it cannot be named. */
  private String objectId(Expr object, boolean throughPointer, FunctionDef fn) {
    if (object instanceof Expr.Name n) {
      if (fn.variable(n.name()) != null) return fn.file() + ":" + fn.name() + "." + n.name();
      Variable g = model.global(n.name(), fn.file());
      return g == null ? null : g.location().file() + ":" + n.name();
    }
    if (object instanceof Expr.Member m && !throughPointer) {
      TypeRef owner = model.typeOf(m.base(), fn);
      if (m.arrow()) owner = owner.pointee();
      if (!owner.isKnown() || owner.pointers() != 0) return null;
      return fn.file() + ":struct " + owner.name() + "." + m.field();
    }
    return null;
  }

  private static OpsTableBuilder builder(
      Map<String, OpsTableBuilder> byId, String id, String type, Location at, boolean runtime) {
    OpsTableBuilder b = byId.computeIfAbsent(id, k -> new OpsTableBuilder(id, type, at, runtime));
    if (at.compareTo(b.location) < 0 && b.runtime) b.location = at;
    return b;
  }

  private static final class OpsTableBuilder {
    final String id;
    final String type;
    Location location;
    final boolean runtime;
    final Map<String, List<OpsTable.Binding>> fields = new LinkedHashMap<>();
    final List<OpsTable.Binding> copies = new ArrayList<>();

    OpsTableBuilder(String id, String type, Location location, boolean runtime) {
      this.id = id;
      this.type = type;
      this.location = location;
      this.runtime = runtime;
    }

    void add(OpsTable.Binding b) {
      fields.computeIfAbsent(b.field(), k -> new ArrayList<>()).add(b);
    }

    OpsTable build() {
      Map<String, List<OpsTable.Binding>> copy = new LinkedHashMap<>();
      fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new OpsTable(id, type, location, runtime, copy, List.copyOf(copies));
    }
  }
}
