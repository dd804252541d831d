package org.mmapcheck.analyzer.model;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a model lacks to follow what the scan reads: the loader's questions, see {@link Demand}. */
final class Demands {

  private final ProgramModel model;

  Demands(ProgramModel model) {
    this.model = model;
  }

  /**
   * What the model lacks to follow the callbacks read ({@code reads}) {@code depth} calls deep,
   * the vm_ops they install and those tables' fault callbacks; and the drivers of those tables.
   */
  Set<Demand> missing(Map<String, List<StructDef>> structs, int depth, Collection<Callbacks> reads) {
    Set<Demand> missing = new LinkedHashSet<>();
    // Objects of a wrapper struct that embeds the exporter ops need not name dma_buf_ops at all.
    for (List<StructDef> defs : structs.values())
      for (StructDef s : defs)
        if (s.fields().values().stream().anyMatch(t -> model.resolveTypedefs(t).is("dma_buf_ops")))
          missing.add(new Demand.Objects(s.name()));
    Deque<OpsTable.Binding> roots = new ArrayDeque<>();
    for (Callbacks read : reads) {
      missing.add(new Demand.Tables(read.type(), read.field()));
      for (OpsTable table : model.opsTables(read.type())) roots.addAll(table.bindings(read.field()));
    }
    // Which objects each exporter wraps comes from the objects' tables: their export callbacks and
    // what those call, or, for a table that leaves the callback unset, what its dispatcher calls instead.
    for (Callbacks callback : Exports.CALLBACKS) {
      missing.add(new Demand.Tables(callback.type(), callback.field()));
      missing.add(new Demand.Objects(callback.type()));
      missing.add(new Demand.Dispatchers(callback));
      for (OpsTable table : model.opsTables(callback.type())) roots.addAll(table.bindings(callback.field()));
    }
    Set<OpsTable> seenVmOps = new HashSet<>();
    Set<FunctionDef> handlers = new HashSet<>();
    Set<FunctionDef> scanned = new HashSet<>();
    while (!roots.isEmpty()) {
      OpsTable.Binding b = roots.removeFirst();
      String name = Expr.functionName(b.value());
      if (name == null) continue;
      FunctionDef handler = model.resolveFunction(name, b.location().file());
      if (handler == null) {
        missing.add(new Demand.Named(name));
        continue;
      }
      if (!handlers.add(handler)) continue;
      for (FunctionDef f : model.reachable(handler, depth - 1).keySet()) {
        if (!scanned.add(f)) continue;
        for (Step s : f.steps()) {
          if (s instanceof Step.CallStep call) {
            Expr callee = Expr.strip(call.call().callee());
            if (callee instanceof Expr.Name n && model.resolveFunction(n.name(), f.file()) == null) missing.add(new Demand.Named(n.name()));
            if (callee instanceof Expr.Member m) demandCallees(demandTables(m.base(), m.arrow(), m.field(), f, missing), m.field(), missing);
          } else if (s instanceof Step.Store store
              && store.target() instanceof Expr.Member m
              && m.field().equals("vm_ops")) {
            for (Expr stored : Locals.valuesAt(f, store, store.value())) {
              List<OpsTable> tables = model.tablesOf(stored, "vm_operations_struct", f);
              Expr value = Expr.strip(stored);
              if (tables.isEmpty() && value instanceof Expr.Name table) missing.add(new Demand.Named(table.name()));
              if (value instanceof Expr.Member held) demandTables(held.base(), held.arrow(), held.field(), f, missing);
              for (OpsTable vmOps : tables)
                if (seenVmOps.add(vmOps) && MmapPath.faults(vmOps)) {
                  for (String field : ProgramModel.FAULT_CALLBACKS) roots.addAll(vmOps.bindings(field));
                  missing.add(new Demand.Driver(ProgramModel.directory(vmOps.file())));
                }
            }
          }
        }
      }
    }
    return missing;
  }

  /**
   * Asks for the struct definitions that type a field chain, and for the tables of each layer
   * that set the field the chain goes through ({@code dev->driver->fops->mmap} wants
   * file_operations tables with an .mmap and drm_driver tables with a .fops, which tell which
   * driver's file_operations an object's device has).
   *
   * @return the type whose field the chain goes through last (the call's table type)
   */
  private TypeRef demandTables(Expr object, boolean throughPointer, String field, FunctionDef in, Set<Demand> missing) {
    demandStructs(object, in, missing);
    TypeRef type = model.typeOf(object, in);
    if (throughPointer) type = type.pointee();
    if (type.isKnown() && type.pointers() == 0) missing.add(new Demand.Tables(type.name(), field));
    // Every outer layer: which of its tables matter is known only once they are loaded.
    if (Expr.strip(object) instanceof Expr.Member outer) demandTables(outer.base(), outer.arrow(), outer.field(), in, missing);
    return type;
  }

  /**
   * Asks for the functions that the tables of the type loaded so far hold in the field a call goes
   * through ({@code dev->driver->gem_prime_mmap}): defined apart from their tables, they are what
   * the call reaches. Not for {@link Demand.Tables#BY_DEVICE}, whose tables are not followed by type.
   */
  private void demandCallees(TypeRef type, String field, Set<Demand> missing) {
    if (!type.isKnown() || type.pointers() != 0 || !Demand.Tables.followed(type.name())) return;
    for (OpsTable table : model.opsTables(type.name()))
      for (OpsTable.Binding b : table.bindings(field)) {
        String name = Expr.functionName(b.value());
        if (name != null && model.resolveFunction(name, b.location().file()) == null) missing.add(new Demand.Named(name));
      }
  }

  private void demandStructs(Expr object, FunctionDef in, Set<Demand> missing) {
    if (!(Expr.strip(object) instanceof Expr.Member m)) return;
    demandStructs(m.base(), in, missing);
    TypeRef owner = model.typeOf(m.base(), in);
    if (m.arrow()) owner = owner.pointee();
    if (owner.isKnown() && owner.pointers() == 0 && model.struct(owner, in.file()) == null)
      missing.add(new Demand.Struct(owner.name()));
  }
}
