package org.mmapcheck.analyzer.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the rules query, built once across all parsed files: functions by name with
 * cross-file lookup, struct layouts, expression types, and the ops tables of interest.
 */
public final class ProgramModel {

  /**
   * Struct types whose objects filled in at run time are collected as {@link OpsTable}s too;
   * objects of any struct type defined with an initializer always are.
   */
  public static final Set<String> RUNTIME_OPS_TYPES =
      Set.of("dma_buf_ops", "vm_operations_struct", "drm_gem_object_funcs", "file_operations");

  private final List<FileModel> files;
  private final Map<String, List<FunctionDef>> functions;
  private final Map<String, List<StructDef>> structs;
  private final Map<String, TypeRef> typedefs;
  private final Map<String, List<Variable>> globals;
  private final Map<String, List<OpsTable>> opsTables;
  /** The directory the model is seen from (see {@link #seenFrom}), or null. */
  private final String home;

  public ProgramModel(Collection<FileModel> parsed) {
    files = parsed.stream().sorted(Comparator.comparing(FileModel::path)).toList();
    functions = new HashMap<>();
    structs = new HashMap<>();
    typedefs = new HashMap<>();
    globals = new HashMap<>();
    opsTables = new HashMap<>();
    home = null;
    for (FileModel f : files) {
      for (FunctionDef fn : f.functions())
        functions.computeIfAbsent(fn.name(), k -> new ArrayList<>()).add(fn);
      for (StructDef s : f.structs()) structs.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      f.typedefs().forEach(typedefs::putIfAbsent);
      for (Variable v : f.globals()) globals.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
    }
    collectOpsTables();
  }

  private ProgramModel(ProgramModel whole, String home) {
    files = whole.files;
    functions = whole.functions;
    structs = whole.structs;
    typedefs = whole.typedefs;
    globals = whole.globals;
    opsTables = whole.opsTables;
    this.home = home;
  }

  /**
   * The model as code in one directory sees it: a driver's own dma_buf_ops export that driver's
   * objects, so where a call through an ops field resolves by type alone, it reaches the tables
   * defined in that directory, if it defines any and no subdirectory does. A directory whose
   * subdirectories define such tables (drivers/gpu/drm, for drm_prime.c's exporter) is the
   * subsystem's own and still reaches them all.
   */
  public ProgramModel seenFrom(String directory) {
    return new ProgramModel(this, directory);
  }

  public List<FileModel> files() {
    return files;
  }

  /** Ops tables of one struct type, in file and line order. */
  public List<OpsTable> opsTables(String type) {
    return opsTables.getOrDefault(type, List.of());
  }

  /** Every definition of a function with that name, in any file. */
  public List<FunctionDef> functionsNamed(String name) {
    return functions.getOrDefault(name, List.of());
  }

  /**
   * The definition a use of {@code name} in {@code fromFile} refers to: one in the same file
   * first, then a non-static one elsewhere, then a static inline one in a header, the nearest
   * directory winning. Static functions of other .c files are never candidates.
   */
  public FunctionDef resolveFunction(String name, String fromFile) {
    List<FunctionDef> defs = functions.get(name);
    if (defs == null) return null;
    FunctionDef best = null;
    int bestScore = Integer.MIN_VALUE;
    for (FunctionDef d : defs) {
      int score;
      if (d.file().equals(fromFile)) score = 1_000_000;
      else if (!d.isStatic()) score = 1000 + sharedDirectoryDepth(d.file(), fromFile);
      else if (d.file().endsWith(".h")) score = sharedDirectoryDepth(d.file(), fromFile);
      else continue;
      if (score > bestScore) {
        bestScore = score;
        best = d;
      }
    }
    return best;
  }

  /** The function a stored or called value names, resolved from {@code fromFile}. */
  public FunctionDef resolveFunction(Expr value, String fromFile) {
    String name = Expr.functionName(value);
    return name == null ? null : resolveFunction(name, fromFile);
  }

  /** The ops table of that type a value names ({@code &foo_vm_ops} or {@code foo_vm_ops}), or null. */
  public OpsTable opsTable(Expr value, String type, String fromFile) {
    if (!(Expr.strip(value) instanceof Expr.Name n)) return null;
    // The nearest variable of that name that is a table: the nearest of all may be an extern
    // declaration in a header, with the table defined elsewhere.
    OpsTable best = null;
    int bestScore = Integer.MIN_VALUE;
    for (Variable g : globals.getOrDefault(n.name(), List.of())) {
      int score = nearness(g, fromFile);
      if (score <= bestScore) continue;
      String id = g.location().file() + ":" + n.name();
      for (OpsTable t : opsTables(type)) {
        if (t.id().equals(id)) {
          best = t;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** The value an ops table gives a field (its first binding), or null when it has none. */
  public OpsTable.Binding binding(OpsTable table, String field) {
    List<OpsTable.Binding> bindings = table.bindings(field);
    return bindings.isEmpty() ? null : bindings.get(0);
  }

  /** The function an ops table's field holds, resolved from where the value is given. */
  public FunctionDef handler(OpsTable table, String field) {
    for (OpsTable.Binding b : table.bindings(field)) {
      FunctionDef f = resolveFunction(b.value(), b.location().file());
      if (f != null) return f;
    }
    return null;
  }

  /** The struct definition a type names (typedefs followed), nearest to {@code fromFile}. */
  public StructDef struct(TypeRef type, String fromFile) {
    TypeRef t = resolveTypedefs(type);
    List<StructDef> defs = structs.get(t.name());
    if (defs == null) return null;
    return defs.stream()
        .max(Comparator.comparingInt(s -> sharedDirectoryDepth(s.location().file(), fromFile)))
        .orElse(null);
  }

  public TypeRef resolveTypedefs(TypeRef type) {
    TypeRef t = type;
    for (int guard = 0; guard < 8; guard++) {
      TypeRef target = typedefs.get(t.name());
      if (target == null || !target.isKnown() || target.name().equals(t.name())) break;
      t = new TypeRef(target.name(), t.pointers() + target.pointers());
    }
    return t;
  }

  /** The declared type of an expression inside a function, as far as declarations tell. */
  public TypeRef typeOf(Expr e, FunctionDef in) {
    TypeRef t = rawTypeOf(e, in);
    return t.isKnown() ? resolveTypedefs(t) : t;
  }

  private TypeRef rawTypeOf(Expr e, FunctionDef in) {
    String file = in == null ? "" : in.file();
    if (e instanceof Expr.Name n) {
      Variable v = in == null ? null : in.variable(n.name());
      if (v != null) return v.type();
      Variable g = global(n.name(), file);
      return g == null ? TypeRef.UNKNOWN : g.type();
    }
    if (e instanceof Expr.Member m) {
      TypeRef base = typeOf(m.base(), in);
      if (m.arrow()) base = base.pointee();
      StructDef s = base.isKnown() && base.pointers() == 0 ? struct(base, file) : null;
      return s == null ? TypeRef.UNKNOWN : s.fields().getOrDefault(m.field(), TypeRef.UNKNOWN);
    }
    if (e instanceof Expr.Unary u && u.op().equals("&")) {
      TypeRef t = typeOf(u.operand(), in);
      return t.isKnown() ? t.pointerTo() : t;
    }
    if (e instanceof Expr.Unary u && u.op().equals("*")) return typeOf(u.operand(), in).pointee();
    if (e instanceof Expr.Subscript s) return typeOf(s.array(), in).pointee();
    if (e instanceof Expr.Cast c) return c.type();
    if (e instanceof Expr.Conditional c) return typeOf(c.ifTrue(), in);
    if (e instanceof Expr.Call c) {
      FunctionDef callee = resolveFunction(c.callee(), file);
      return callee == null ? TypeRef.UNKNOWN : callee.returnType();
    }
    return TypeRef.UNKNOWN;
  }

  /** A file-scope variable, the one in {@code fromFile} first. */
  public Variable global(String name, String fromFile) {
    Variable best = null;
    int bestScore = Integer.MIN_VALUE;
    for (Variable v : globals.getOrDefault(name, List.of())) {
      int score = nearness(v, fromFile);
      if (score > bestScore) {
        bestScore = score;
        best = v;
      }
    }
    return best;
  }

  /** How near a file-scope variable is to code in fromFile: its own file, then .c files, then directory. */
  private static int nearness(Variable v, String fromFile) {
    String file = v.location().file();
    return file.equals(fromFile) ? 1_000_000 : sharedDirectoryDepth(file, fromFile) + (file.endsWith(".c") ? 1000 : 0);
  }
  /**
   * Functions reachable from {@code start} through calls, direct or through ops fields, at most
   * {@code depth} calls deep, each with the shortest chain of functions that reaches it (starting
   * with start).
   */
  public Map<FunctionDef, List<FunctionDef>> reachable(FunctionDef start, int depth) {
    return reachable(start, depth, true, Set.of());
  }

  /**
   * As {@link #reachable(FunctionDef, int)}, through ops fields only when {@code throughFields},
   * and never into the functions named in {@code stopAt} (the kernel API known by name).
   */
  public Map<FunctionDef, List<FunctionDef>> reachable(
      FunctionDef start, int depth, boolean throughFields, Set<String> stopAt) {
    Map<FunctionDef, List<FunctionDef>> chains = new LinkedHashMap<>();
    chains.put(start, List.of(start));
    Deque<FunctionDef> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      FunctionDef f = queue.removeFirst();
      List<FunctionDef> chain = chains.get(f);
      if (chain.size() > depth) continue;
      for (Step s : f.steps()) {
        if (!(s instanceof Step.CallStep call)) continue;
        if (!throughFields && !(Expr.strip(call.call().callee()) instanceof Expr.Name)) continue;
        for (FunctionDef callee : callees(call.call(), f)) {
          if (chains.containsKey(callee) || stopAt.contains(callee.name())) continue;
          List<FunctionDef> next = new ArrayList<>(chain);
          next.add(callee);
          chains.put(callee, List.copyOf(next));
          queue.addLast(callee);
        }
      }
    }
    return chains;
  }

  /** Whether any of the functions calls, directly, a function of one of these names. */
  public static boolean callsAny(Collection<FunctionDef> functions, Collection<String> names) {
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
  public List<FunctionDef> callees(Expr.Call call, FunctionDef in) {
    FunctionDef direct = resolveFunction(call.callee(), in.file());
    if (direct != null) return List.of(direct);
    if (!(Expr.strip(call.callee()) instanceof Expr.Member m)) return List.of();
    List<FunctionDef> out = new ArrayList<>();
    for (OpsTable t : tablesHeldBy(m.base(), m.arrow(), in)) {
      for (OpsTable.Binding b : t.bindings(m.field())) {
        FunctionDef f = resolveFunction(b.value(), b.location().file());
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
   */
  public List<OpsTable> tablesHeldBy(Expr object, boolean throughPointer, FunctionDef in) {
    TypeRef type = typeOf(object, in);
    if (throughPointer) type = type.pointee();
    if (!type.isKnown() || type.pointers() != 0) return List.of();
    if (Expr.strip(object) instanceof Expr.Member outer) {
      List<OpsTable> stored = new ArrayList<>();
      for (OpsTable owner : tablesHeldBy(outer.base(), outer.arrow(), in)) {
        for (OpsTable.Binding b : owner.bindings(outer.field())) {
          OpsTable t = opsTable(b.value(), type.name(), b.location().file());
          if (t != null && !stored.contains(t)) stored.add(t);
        }
      }
      if (!stored.isEmpty()) return stored;
    }
    OpsTable named = opsTable(object, type.name(), in.file());
    if (named != null) return List.of(named);
    // A callback of tables of this very type, looking at its own object's table (obj->funcs inside
    // a funcs->mmap callback), sees one of the tables that hold it.
    if (Expr.strip(object) instanceof Expr.Member m
        && m.base() instanceof Expr.Name n
        && in.params().stream().anyMatch(p -> p.name().equals(n.name()))) {
      List<OpsTable> own = tablesHolding(in, type.name());
      if (!own.isEmpty()) return own;
    }
    return nearHome(opsTables(type.name()));
  }

  /** The tables defined in the home directory, if it has some and no subdirectory has; else all. */
  private List<OpsTable> nearHome(List<OpsTable> tables) {
    if (home == null) return tables;
    List<OpsTable> own = new ArrayList<>();
    for (OpsTable t : tables) {
      String dir = directory(t.file());
      if (dir.equals(home)) own.add(t);
      else if (dir.startsWith(home + "/")) return tables;
    }
    return own.isEmpty() ? tables : own;
  }

  /** The directory part of a tree-relative path ("" at the top). */
  public static String directory(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash);
  }

  /** The tables of that type with a field bound to the function. */
  private List<OpsTable> tablesHolding(FunctionDef f, String type) {
    List<OpsTable> out = new ArrayList<>();
    for (OpsTable t : opsTables(type)) {
      boolean holds =
          t.fields().values().stream()
              .flatMap(List::stream)
              .anyMatch(b -> f.equals(resolveFunction(b.value(), b.location().file())));
      if (holds) out.add(t);
    }
    return out;
  }

  /** The tables of that type a stored value can be: one it names, or any a field can hold. */
  public List<OpsTable> tablesOf(Expr value, String type, FunctionDef in) {
    OpsTable named = opsTable(value, type, in.file());
    if (named != null) return List.of(named);
    if (Expr.strip(value) instanceof Expr.Member m) {
      List<OpsTable> out = new ArrayList<>();
      for (OpsTable owner : tablesHeldBy(m.base(), m.arrow(), in)) {
        for (OpsTable.Binding b : owner.bindings(m.field())) {
          OpsTable t = opsTable(b.value(), type, b.location().file());
          if (t != null && !out.contains(t)) out.add(t);
        }
      }
      return out;
    }
    return List.of();
  }

  /** The vm_operations_struct callbacks that run when userspace touches a mapping. */
  public static final List<String> FAULT_CALLBACKS =
      List.of("fault", "huge_fault", "map_pages", "page_mkwrite", "pfn_mkwrite");

  /**
   * What the model lacks to follow the callbacks read ({@code reads}) {@code depth} calls deep,
   * the vm_ops they install and those tables' fault callbacks.
   */
  public Set<Demand> missing(int depth, Collection<Callbacks> reads) {
    Set<Demand> missing = new java.util.LinkedHashSet<>();
    // Objects of a wrapper struct that embeds the exporter ops need not name dma_buf_ops at all.
    for (List<StructDef> defs : structs.values())
      for (StructDef s : defs)
        if (s.fields().values().stream().anyMatch(t -> resolveTypedefs(t).is("dma_buf_ops")))
          missing.add(new Demand.Objects(s.name()));
    Deque<OpsTable.Binding> roots = new ArrayDeque<>();
    for (Callbacks read : reads) {
      missing.add(new Demand.Tables(read.type(), read.field()));
      for (OpsTable table : opsTables(read.type())) roots.addAll(table.bindings(read.field()));
    }
    Set<OpsTable> seenVmOps = new java.util.HashSet<>();
    Set<FunctionDef> handlers = new java.util.HashSet<>();
    Set<FunctionDef> scanned = new java.util.HashSet<>();
    while (!roots.isEmpty()) {
      OpsTable.Binding b = roots.removeFirst();
      String name = Expr.functionName(b.value());
      if (name == null) continue;
      FunctionDef handler = resolveFunction(name, b.location().file());
      if (handler == null) {
        missing.add(new Demand.Named(name));
        continue;
      }
      if (!handlers.add(handler)) continue;
      for (FunctionDef f : reachable(handler, depth - 1).keySet()) {
        if (!scanned.add(f)) continue;
        for (Step s : f.steps()) {
          if (s instanceof Step.CallStep call) {
            Expr callee = Expr.strip(call.call().callee());
            if (callee instanceof Expr.Name n && resolveFunction(n.name(), f.file()) == null) missing.add(new Demand.Named(n.name()));
            if (callee instanceof Expr.Member m) demandTables(m.base(), m.arrow(), m.field(), f, missing);
          } else if (s instanceof Step.Store store
              && store.target() instanceof Expr.Member m
              && m.field().equals("vm_ops")) {
            List<OpsTable> tables = tablesOf(store.value(), "vm_operations_struct", f);
            Expr value = Expr.strip(store.value());
            if (tables.isEmpty() && value instanceof Expr.Name table) missing.add(new Demand.Named(table.name()));
            if (value instanceof Expr.Member held) demandTables(held.base(), held.arrow(), held.field(), f, missing);
            for (OpsTable vmOps : tables)
              if (seenVmOps.add(vmOps)) for (String field : FAULT_CALLBACKS) roots.addAll(vmOps.bindings(field));
          }
        }
      }
    }
    return missing;
  }

  /**
   * Asks for the struct definitions that type a field chain, and for the tables it ends in that
   * set the field used (only those: {@code dev->driver->fops->mmap} wants file_operations tables
   * with an .mmap, not every drm_driver).
   */
  private void demandTables(Expr object, boolean throughPointer, String field, FunctionDef in, Set<Demand> missing) {
    demandStructs(object, in, missing);
    TypeRef type = typeOf(object, in);
    if (throughPointer) type = type.pointee();
    if (type.isKnown() && type.pointers() == 0) missing.add(new Demand.Tables(type.name(), field));
  }

  private void demandStructs(Expr object, FunctionDef in, Set<Demand> missing) {
    if (!(Expr.strip(object) instanceof Expr.Member m)) return;
    demandStructs(m.base(), in, missing);
    TypeRef owner = typeOf(m.base(), in);
    if (m.arrow()) owner = owner.pointee();
    if (owner.isKnown() && owner.pointers() == 0 && struct(owner, in.file()) == null)
      missing.add(new Demand.Struct(owner.name()));
  }

  // ---- ops tables ----

  private void collectOpsTables() {
    Map<String, OpsTableBuilder> byId = new TreeMap<>();
    for (FileModel f : files) {
      for (Initializer init : f.objects()) addInitializer(byId, f.path(), init, init.type());
    }
    for (FileModel f : files) {
      for (FunctionDef fn : f.functions()) {
        for (Step s : fn.steps()) {
          if (s instanceof Step.Store store && store.op().equals("=")) addStore(byId, fn, store);
        }
      }
    }
    for (OpsTableBuilder b : byId.values()) {
      opsTables.computeIfAbsent(b.type, k -> new ArrayList<>()).add(b.build());
    }
    opsTables.replaceAll(
        (type, tables) ->
            tables.stream().sorted(Comparator.comparing(OpsTable::location)).toList());
  }

  private void addInitializer(Map<String, OpsTableBuilder> byId, String file, Initializer init, TypeRef type) {
    TypeRef t = type == null ? TypeRef.UNKNOWN : resolveTypedefs(type);
    if (t.isKnown() && t.pointers() == 0) {
      OpsTableBuilder b = builder(byId, file + ":" + init.path(), t.name(), init.location(), false);
      for (Initializer.FieldValue v : init.fields())
        b.add(new OpsTable.Binding(v.field(), v.value(), v.location(), null));
    }
    StructDef s = t.pointers() == 0 ? struct(t, file) : null;
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
      TypeRef base = typeOf(m.base(), fn);
      if (m.arrow()) base = base.pointee();
      if (base.pointers() == 0 && RUNTIME_OPS_TYPES.contains(base.name())) {
        String id = objectId(m.base(), m.arrow(), fn);
        if (id != null) {
          builder(byId, id, base.name(), store.location(), true)
              .add(new OpsTable.Binding(m.field(), store.value(), store.location(), fn));
        }
      }
    }
    // A whole table copied in ("dev->ops = *base;") makes the target an object of that type.
    TypeRef target = typeOf(store.target(), fn);
    if (target.pointers() == 0 && RUNTIME_OPS_TYPES.contains(target.name())) {
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
      Variable g = global(n.name(), fn.file());
      return g == null ? null : g.location().file() + ":" + n.name();
    }
    if (object instanceof Expr.Member m && !throughPointer) {
      TypeRef owner = typeOf(m.base(), fn);
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

  private static int sharedDirectoryDepth(String a, String b) {
    String[] x = a.split("/");
    String[] y = b.split("/");
    int n = 0;
    while (n < x.length - 1 && n < y.length - 1 && x[n].equals(y[n])) n++;
    return n;
  }
}
