package org.mmapcheck.analyzer.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private final CallGraph calls;
  /** The model of all parsed files: this one, or the one it is a view of. */
  private final ProgramModel whole;
  /** Worked out on first use (see {@link #exportedObjects}): the loader's rounds never ask. */
  private Map<OpsTable, Facts> exported;

  public ProgramModel(Collection<FileModel> parsed) {
    files = parsed.stream().sorted(Comparator.comparing(FileModel::path)).toList();
    functions = new HashMap<>();
    structs = new HashMap<>();
    typedefs = new HashMap<>();
    globals = new HashMap<>();
    for (FileModel f : files) {
      for (FunctionDef fn : f.functions())
        functions.computeIfAbsent(fn.name(), k -> new ArrayList<>()).add(fn);
      for (StructDef s : f.structs()) structs.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      f.typedefs().forEach(typedefs::putIfAbsent);
      for (Variable v : f.globals()) globals.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
    }
    opsTables = OpsTableCollector.collect(files, this);
    calls = new CallGraph(this, null);
    this.whole = this;
  }

  private ProgramModel(ProgramModel whole, String home) {
    files = whole.files;
    functions = whole.functions;
    structs = whole.structs;
    typedefs = whole.typedefs;
    globals = whole.globals;
    opsTables = whole.opsTables;
    calls = new CallGraph(this, home);
    this.whole = whole;
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

  /**
   * What an exporter's mmap path knows of the objects its dma-bufs wrap: the GEM funcs tables of
   * the objects exported through it (see {@link Exports}), or nothing when that is not known.
   */
  public Facts exportedObjects(OpsTable exporter) {
    return whole.exported().getOrDefault(exporter, Facts.NONE);
  }

  private synchronized Map<OpsTable, Facts> exported() {
    if (exported == null) exported = Exports.of(this);
    return exported;
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

  /** The type of the struct whose field a member names ({@code obj->funcs}: drm_gem_object). */
  public TypeRef ownerType(Expr.Member m, FunctionDef in) {
    TypeRef owner = typeOf(m.base(), in);
    return m.arrow() ? owner.pointee() : owner;
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
    return calls.reachable(start, depth, true, Set.of(), Facts.NONE).chains();
  }

  /**
   * As {@link #reachable(FunctionDef, int)}, through ops fields only when {@code throughFields},
   * and never into the functions named in {@code stopAt} (the kernel API known by name).
   */
  public Map<FunctionDef, List<FunctionDef>> reachable(
      FunctionDef start, int depth, boolean throughFields, Set<String> stopAt) {
    return calls.reachable(start, depth, throughFields, stopAt, Facts.NONE).chains();
  }

  /** As {@link #reachable(FunctionDef, int, boolean, Set)}, from what a path knows at the start. */
  CallGraph.Reach reach(FunctionDef start, int depth, boolean throughFields, Set<String> stopAt, Facts facts) {
    return calls.reachable(start, depth, throughFields, stopAt, facts);
  }

  /** The facts a step of {@code in} runs under, or null when its guards cannot hold there. */
  Facts factsAt(Step step, FunctionDef in, Facts facts) {
    return calls.at(step, in, facts);
  }

  /** Whether any of the functions calls, directly, a function of one of these names. */
  public static boolean callsAny(Collection<FunctionDef> functions, Collection<String> names) {
    return CallGraph.callsAny(functions, names);
  }

  /** The functions a call can reach (see {@link CallGraph#callees}). */
  public List<FunctionDef> callees(Expr.Call call, FunctionDef in) {
    return calls.callees(call, in, Facts.NONE);
  }

  /** As {@link #callees(Expr.Call, FunctionDef)}, under what a path knows. */
  List<FunctionDef> callees(Expr.Call call, FunctionDef in, Facts facts) {
    return calls.callees(call, in, facts);
  }

  /** The ops tables an expression of struct type can denote (see {@link CallGraph#tablesHeldBy}). */
  public List<OpsTable> tablesHeldBy(Expr object, boolean throughPointer, FunctionDef in) {
    return calls.tablesHeldBy(object, throughPointer, in, Facts.NONE);
  }

  /** The tables of that type a stored value can be: one it names, or any a field can hold. */
  public List<OpsTable> tablesOf(Expr value, String type, FunctionDef in) {
    return calls.tablesOf(value, type, in, Facts.NONE);
  }

  /** As {@link #tablesOf(Expr, String, FunctionDef)}, under what a path knows. */
  public List<OpsTable> tablesOf(Expr value, String type, FunctionDef in, Facts facts) {
    return calls.tablesOf(value, type, in, facts);
  }

  /** What holds of the object whose table gave a stored value (see {@link CallGraph#holding}). */
  Facts holding(Expr value, OpsTable table, FunctionDef in, Facts facts) {
    return calls.holding(value, table, in, facts);
  }

  /** The directory part of a tree-relative path ("" at the top). */
  public static String directory(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash);
  }

  /** The vm_operations_struct callbacks that run when userspace touches a mapping. */
  public static final List<String> FAULT_CALLBACKS =
      List.of("fault", "huge_fault", "map_pages", "page_mkwrite", "pfn_mkwrite");

  /**
   * What the model lacks to follow the callbacks read ({@code reads}) {@code depth} calls deep,
   * the vm_ops they install and those tables' fault callbacks.
   */
  public Set<Demand> missing(int depth, Collection<Callbacks> reads) {
    return new Demands(this).missing(structs, depth, reads);
  }

  /** How many leading directories the two paths share; no array made, as the loader asks it many times a round. */
  static int sharedDirectoryDepth(String a, String b) {
    int n = 0;
    for (int start = 0; ; n++) {
      int end = a.indexOf('/', start);
      if (end < 0 || end != b.indexOf('/', start) || !a.regionMatches(start, b, start, end - start)) return n;
      start = end + 1;
    }
  }
}
