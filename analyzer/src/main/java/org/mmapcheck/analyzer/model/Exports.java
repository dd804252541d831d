package org.mmapcheck.analyzer.model;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which objects each exporter's dma-bufs wrap. An object whose ops table sets an export callback
 * ({@code drm_gem_object_funcs.export}) is exported with the dma_buf_ops that callback's path
 * leaves on the dma-buf: the last table stored into an {@code .ops} field, so {@code
 * exp_info.ops = &own_ops}, or {@code buf->ops = &own_ops} right after the generic helper,
 * replaces the helper's table. An object whose table leaves the callback unset is exported by
 * the function its dispatcher calls instead ({@code if (obj->funcs->export) ... else
 * drm_gem_prime_export(...)}).
 */
public final class Exports {

  /** The export callbacks of object tables; their dispatchers are loaded with them (see {@link Demand.Dispatchers}). */
  public static final List<Callbacks> CALLBACKS = List.of(new Callbacks("drm_gem_object_funcs", "export"));

  /** How many direct calls deep an export path is followed. */
  private static final int DEPTH = 3;

  private final ProgramModel model;

  private Exports(ProgramModel model) {
    this.model = model;
  }

  /** For each exporter whose objects are known, what its mmap path knows of them at the start. */
  static Map<OpsTable, Facts> of(ProgramModel model) {
    Exports exports = new Exports(model);
    Map<OpsTable, Map<String, Set<OpsTable>>> objects = new LinkedHashMap<>();
    for (Callbacks callback : CALLBACKS) {
      String type = callback.type();
      List<OpsTable> byDefault = null;
      for (OpsTable t : model.opsTables(type)) {
        List<OpsTable> exporters;
        if (t.has(callback.field())) {
          FunctionDef export = model.handler(t, callback.field());
          exporters = export == null ? List.of() : exports.leftOnBuffer(export, DEPTH, new HashSet<>());
        } else {
          if (byDefault == null) byDefault = exports.byDefault(type, callback.field());
          exporters = byDefault;
        }
        for (OpsTable e : exporters)
          objects.computeIfAbsent(e, k -> new LinkedHashMap<>()).computeIfAbsent(type, k -> new LinkedHashSet<>()).add(t);
      }
    }
    Map<OpsTable, Facts> out = new LinkedHashMap<>();
    objects.forEach((e, tables) -> out.put(e, new Facts(tables, null)));
    return out;
  }

  /** The dma_buf_ops a function's path leaves on the buffer it exports: the last it stores. */
  private List<OpsTable> leftOnBuffer(FunctionDef f, int depth, Set<FunctionDef> seen) {
    List<OpsTable> last = List.of();
    for (Step s : f.steps()) {
      if (s instanceof Step.Store store
          && store.op().equals("=")
          && store.target() instanceof Expr.Member m
          && m.field().equals("ops")) {
        OpsTable t = exporterNamed(store.value(), f.file());
        if (t != null) last = List.of(t);
      } else if (s instanceof Step.CallStep call && depth > 0) {
        FunctionDef callee = model.resolveFunction(call.call().callee(), f.file());
        if (callee == null || !seen.add(callee)) continue;
        List<OpsTable> inner = leftOnBuffer(callee, depth - 1, seen);
        if (!inner.isEmpty()) last = inner;
      }
    }
    return last;
  }

  /** The dma_buf_ops table a value names: {@code &foo_ops}, or one embedded, {@code &wrap.ops}. */
  private OpsTable exporterNamed(Expr value, String fromFile) {
    OpsTable named = model.opsTable(value, "dma_buf_ops", fromFile);
    if (named != null) return named;
    StringBuilder path = new StringBuilder();
    Expr e = Expr.strip(value);
    while (e instanceof Expr.Member m && !m.arrow()) {
      path.insert(0, "." + m.field());
      e = m.base();
    }
    if (path.isEmpty() || !(e instanceof Expr.Name root)) return null;
    Variable g = model.global(root.name(), fromFile);
    if (g == null) return null;
    String id = g.location().file() + ":" + root.name() + path;
    return model.opsTables("dma_buf_ops").stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  /**
   * What objects whose table leaves the callback unset are exported with: the direct call a
   * dispatcher makes where its null check of the callback fails.
   */
  private List<OpsTable> byDefault(String type, String field) {
    for (FileModel file : model.files()) {
      for (FunctionDef f : file.functions()) {
        if (!dispatches(f, type, field)) continue;
        for (Step s : f.steps()) {
          if (!(s instanceof Step.CallStep call)) continue;
          boolean fallback =
              s.guards().stream().anyMatch(g -> !g.holds() && Expr.mentionsField(g.condition(), field));
          FunctionDef callee = model.resolveFunction(call.call().callee(), f.file());
          if (fallback && callee != null) return leftOnBuffer(callee, DEPTH, new HashSet<>());
        }
      }
    }
    return List.of();
  }

  /** Whether the function calls through the callback field of a table of that type. */
  private boolean dispatches(FunctionDef f, String type, String field) {
    for (Step s : f.steps()) {
      if (s instanceof Step.CallStep call
          && Expr.strip(call.call().callee()) instanceof Expr.Member m
          && m.field().equals(field)) {
        if (model.ownerType(m, f).is(type)) return true;
      }
    }
    return false;
  }
}
