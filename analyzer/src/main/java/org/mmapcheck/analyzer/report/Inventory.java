package org.mmapcheck.analyzer.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmapcheck.analyzer.engine.CpuAccessHook;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.KernelApi;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Runs;
import org.mmapcheck.analyzer.model.Step;

/**
 * Every dma-buf exporter the scan found, with its mmap and cpu-access handlers resolved and its
 * mmap profile: how it maps, what it installs, how it caches, and what the rules said of it.
 */
public final class Inventory {

  /** One exporter: an object of type {@code struct dma_buf_ops}. */
  public record Exporter(
      String id,
      String file,
      int line,
      String form,
      Handler mmap,
      Handler beginCpuAccess,
      Handler endCpuAccess,
      MmapProfile profile) {}

  /**
   * A handler named in the table. {@code file} and {@code line} are those of its definition, null
   * when the tree does not define it (or defines it where the parser could not see it).
   */
  public record Handler(String name, String file, Integer line) {}

  /**
   * How an exporter's mmap behaves. A field its runs (see {@link Runs}) answer differently says
   * {@code depends(VALUE in FUNCTION, ...; VALUE in ...)}, naming where each answer is made, or
   * {@code unresolved} for a run through a call the scan cannot follow; a field with no
   * mmap to describe (no {@code .mmap}, or a handler that only fails) says {@code n/a}; one whose
   * handler the scan could not see says {@code unknown(why)}.
   *
   * @param mapping how pages reach userspace: unsupported, remap, dma-mmap, fault-based,
   *     shmem-file, forwards-to-drm-gem, unknown (several may apply)
   * @param vmOps the vm_ops tables the path can install
   * @param faultHandlers {@code table.callback=function} for each fault callback
   * @param caching cacheable (the core's protection kept, or a fresh vm_get_page_prot()), uncached
   *     (a write-combined or uncached protection stored into vm_page_prot), dma-api (a DMA API mmap,
   *     which decides by the device's coherence), {@code depends(...)} (among them
   *     {@code per-fault}: a protection built at fault time from the buffer's state, as TTM's
   *     ttm_io_prot()), or n/a
   * @param vmFile unchanged, vma_set_file or assigned (a plain store), {@code depends(...)}, or n/a
   * @param pgoff read (mmap-time code reads vm_pgoff where it maps), by-api (mapped only by calls
   *     that honour vm_pgoff, such as vm_map_pages() or dma_mmap_attrs()), rejects-nonzero (a
   *     pgoff-aware call sized to the vma, or a check that the vma is the whole object's size, so
   *     the DMA layer or the dma-buf core's bound refuses any non-zero offset), ignored (mapped
   *     without reading it, or with it zeroed around the call; or a fault handler that finds its
   *     page by address), at-fault (a fault handler, or the shmem file mapped, reads
   *     vmf->pgoff or vm_pgoff), {@code depends(...)}, or n/a. Moving the offset by the DRM fake
   *     offset, or saving and restoring it, is not a read.
   * @param dontExpand true (set by the path, or by a mapping call that sets it itself: see the
   *     {@code sets-vm-dontexpand} names of kernel-api.txt, such as remap_pfn_range()), false,
   *     {@code depends(DMA backend of ...)} (a DMA API mmap, which remaps or inserts pages as the
   *     backend does), n/a or {@code unknown(why)} (a string, no longer a boolean)
   * @param beginMaintainsCaches whether begin_cpu_access reaches cache maintenance for the CPU (a
   *     {@code cache-for-cpu} or two-way {@code cache-maintenance} function of kernel-api.txt); a
   *     hook that only syncs for the device is false
   * @param endMaintainsCaches whether end_cpu_access reaches cache maintenance for the device
   *     ({@code cache-for-device} or {@code cache-maintenance}); a hook that only syncs for the CPU
   *     is false
   * @param findings {@code rule at file:line} for every finding that names this exporter
   */
  public record MmapProfile(
      List<String> mapping,
      List<String> vmOps,
      List<String> faultHandlers,
      String caching,
      String vmFile,
      String pgoff,
      String dontExpand,
      boolean beginMaintainsCaches,
      boolean endMaintainsCaches,
      List<String> findings) {}

  /** A field of an exporter whose mmap handler the tree does not define where the scan can see it. */
  private static final String UNDEFINED = "unknown(mmap handler not defined in the scanned files)";

  private Inventory() {}

  public static List<Exporter> of(ScanResult scan) {
    ProgramModel model = scan.model();
    Map<OpsTable, MmapPath> paths = new LinkedHashMap<>();
    for (MmapPath p : scan.paths()) paths.put(p.exporter(), p);
    List<Exporter> out = new ArrayList<>();
    for (OpsTable t : model.opsTables("dma_buf_ops")) {
      out.add(
          new Exporter(
              t.id(),
              t.file(),
              t.location().line(),
              t.runtime() ? "runtime" : "initializer",
              handler(model, t, "mmap"),
              handler(model, t, "begin_cpu_access"),
              handler(model, t, "end_cpu_access"),
              profile(scan, t, paths.get(t))));
    }
    return out;
  }

  private static Handler handler(ProgramModel model, OpsTable t, String field) {
    OpsTable.Binding b = model.binding(t, field);
    if (b == null) return null;
    FunctionDef f = model.handler(t, field);
    if (f != null) return new Handler(f.name(), f.file(), f.location().line());
    String name = Expr.functionName(b.value());
    return new Handler(name == null ? b.value().text() : name, null, null);
  }

  private static MmapProfile profile(ScanResult scan, OpsTable exporter, MmapPath path) {
    KernelApi api = scan.options().api();
    List<String> findings = new ArrayList<>();
    for (Finding f : scan.findings()) {
      boolean names =
          f.location().equals(exporter.location())
              || f.related().stream().anyMatch(r -> r.location().equals(exporter.location()));
      if (names) findings.add(f.ruleId() + " at " + f.location().file() + ":" + f.location().line());
    }
    boolean begin = maintainsCaches(scan, exporter, CpuAccessHook.BEGIN, api);
    boolean end = maintainsCaches(scan, exporter, CpuAccessHook.END, api);
    if (path == null) {
      return exporter.has("mmap")
          ? new MmapProfile(List.of("unknown"), List.of(), List.of(), UNDEFINED, UNDEFINED, UNDEFINED, UNDEFINED,
              begin, end, findings)
          : new MmapProfile(List.of("unsupported"), List.of(), List.of(), "n/a", "n/a", "n/a", "n/a", begin, end, findings);
    }
    Set<String> mapping = new LinkedHashSet<>();
    if (path.faultingInstalls().isEmpty() && path.reach().size() == 1 && onlyFails(path)) mapping.add("unsupported");
    if (!path.callsTo(api.names(Category.DMA_MMAP)).isEmpty()) mapping.add("dma-mmap");
    if (path.callsTo(api.names(Category.MAP)).stream().anyMatch(s -> !s.atFaultTime())) mapping.add("remap");
    if (!path.faultingInstalls().isEmpty()) mapping.add("fault-based");
    if (path.sites().stream().anyMatch(Inventory::callsFileMmap)) mapping.add("shmem-file");
    if (path.reach().keySet().stream().anyMatch(f -> f.name().equals("drm_gem_prime_mmap")))
      mapping.add("forwards-to-drm-gem");
    if (mapping.isEmpty()) mapping.add("unknown");

    Set<String> vmOps = new LinkedHashSet<>();
    Set<String> faultHandlers = new LinkedHashSet<>();
    for (MmapPath.VmOpsInstall install : path.installs()) {
      for (OpsTable t : install.tables()) {
        vmOps.add(t.name());
        for (String cb : ProgramModel.FAULT_CALLBACKS) {
          for (OpsTable.Binding b : t.bindings(cb)) {
            String fn = Expr.functionName(b.value());
            faultHandlers.add(t.name() + "." + cb + "=" + (fn == null ? b.value().text() : fn));
          }
        }
      }
    }
    if (mapping.equals(Set.of("unsupported")))
      return new MmapProfile(List.copyOf(mapping), List.copyOf(vmOps), List.copyOf(faultHandlers),
          "n/a", "n/a", "n/a", "n/a", begin, end, findings);
    boolean shmemFile = mapping.contains("shmem-file");
    return new MmapProfile(
        List.copyOf(mapping),
        List.copyOf(vmOps),
        List.copyOf(faultHandlers),
        CachingField.of(scan.model(), path, shmemFile, api),
        vmFile(scan.model(), path, api),
        PgoffField.of(scan.model(), scan.options().callDepth(), path, shmemFile, api),
        dontExpand(scan.model(), path, api),
        begin,
        end,
        findings);
  }

  /** Run by run (see {@link Runs}): vma_set_file() if the run calls it, else a plain store, else unchanged. */
  private static String vmFile(ProgramModel model, MmapPath path, KernelApi api) {
    Set<String> setFile = api.names(Category.SET_FILE);
    Verdicts v = new Verdicts();
    for (Runs.Run run : Runs.of(model, path, site -> site.step() instanceof Step.CallStep c
        && setFile.contains(Expr.calleeName(c.call())) ? "vma_set_file"
        : site.step() instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals("vm_file")
            ? "assigned" : null)) {
      Runs.Effect made = run.first(Set.of("vma_set_file"));
      if (made == null) made = run.first(Set.of("assigned"));
      if (made == null) made = run.first(Set.of(Runs.UNRESOLVED));
      if (made != null) v.add(made.value(), made.function().name());
      else v.add("unchanged", run.where().name());
    }
    return v.value("unchanged", Set.of());
  }

  /**
   * Run by run (see {@link Runs}): set by the run's own code or by a mapping call that sets it
   * itself (remap_pfn_range(), ...); a DMA API mmap sets it or not as the DMA backend maps. A run
   * that maps nothing (a loop over no pages) has nothing to expand and says nothing, unless no run
   * maps anything the scan knows.
   */
  private static String dontExpand(ProgramModel model, MmapPath path, KernelApi api) {
    Set<String> setters = api.names(Category.VM_FLAGS);
    Set<String> setting = api.setting("VM_DONTEXPAND");
    Set<String> dmaMmap = api.names(Category.DMA_MMAP);
    Set<String> maps = api.names(Category.MAP);
    Verdicts v = new Verdicts();
    Verdicts unmapped = new Verdicts();
    for (Runs.Run run : Runs.of(model, path, site -> {
      String callee = site.step() instanceof Step.CallStep c ? String.valueOf(Expr.calleeName(c.call())) : "";
      if (MmapPath.setsVmFlag(site.function(), site.step(), "VM_DONTEXPAND", setters) || setting.contains(callee)) return "true";
      if (dmaMmap.contains(callee)) return callee;
      boolean mapping = maps.contains(callee) || callsFileMmap(site)
          || site.step() instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals("vm_ops");
      return mapping ? MAPS : null;
    })) {
      Runs.Effect set = run.first(Set.of("true"));
      Runs.Effect blind = run.first(Set.of(Runs.UNRESOLVED));
      List<Runs.Effect> dma = run.effects().stream().filter(e -> dmaMmap.contains(e.value())).toList();
      if (set != null) v.add("true", set.function().name());
      else if (!dma.isEmpty())
        v.add("depends(DMA backend of " + String.join(", ", dma.stream().map(Runs.Effect::value).distinct().toList())
            + ")", dma.get(0).function().name());
      else if (blind != null) v.add(blind.value(), blind.function().name());
      else (run.first(Set.of(MAPS)) != null ? v : unmapped).add("false", run.where().name());
    }
    return v.isEmpty() ? unmapped.value("false", Set.of()) : v.value("false", Set.of());
  }

  /** What a run does that puts pages or a fault handler on the vma. */
  private static final String MAPS = "maps";

  private static boolean onlyFails(MmapPath path) {
    return path.handler().steps().stream()
        .filter(s -> s instanceof Step.Return)
        .allMatch(s -> ((Step.Return) s).value() instanceof Expr.Unary u && u.op().equals("-"));
  }

  /** A call through a file's own mmap: {@code file->f_op->mmap(file, vma)} or call_mmap(). */
  static boolean callsFileMmap(MmapPath.Site site) {
    if (!(site.step() instanceof Step.CallStep c)) return false;
    Expr callee = Expr.strip(c.call().callee());
    if (callee instanceof Expr.Member m && m.field().equals("mmap") && m.base() instanceof Expr.Member f)
      return f.field().equals("f_op");
    return "call_mmap".equals(Expr.calleeName(c.call()));
  }

  private static boolean maintainsCaches(ScanResult scan, OpsTable exporter, CpuAccessHook hook, KernelApi api) {
    FunctionDef f = scan.model().handler(exporter, hook.field());
    return f != null
        && ProgramModel.callsAny(
            scan.model().reachable(f, scan.options().callDepth(), true, api.allNames()).keySet(),
            hook.maintenance(api));
  }

  public static void writeJson(List<Exporter> exporters, OutputStream out) throws IOException {
    Json.PLAIN.writeValue(out, exporters);
    out.write('\n');
  }

  public static void writeText(List<Exporter> exporters, OutputStream out) {
    PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    for (Exporter e : exporters) {
      MmapProfile p = e.profile();
      line(w, "%s:%d: %s mmap=%s begin_cpu_access=%s end_cpu_access=%s",
          e.file(), e.line(), e.id(), describe(e.mmap()), describe(e.beginCpuAccess()), describe(e.endCpuAccess()));
      line(w, "    mapping=%s caching=%s vm_file=%s pgoff=%s dontexpand=%s cache-maintenance=%s/%s",
          String.join(",", p.mapping()), p.caching(), p.vmFile(), p.pgoff(), p.dontExpand(),
          p.beginMaintainsCaches() ? "begin" : "-", p.endMaintainsCaches() ? "end" : "-");
      if (!p.faultHandlers().isEmpty()) line(w, "    faults: %s", String.join(" ", p.faultHandlers()));
      for (String f : p.findings()) line(w, "    finding: %s", f);
    }
    w.flush();
  }

  /** One line of names from the tree, escaped for the terminal. */
  private static void line(PrintWriter w, String format, Object... args) {
    w.println(TextEscape.escape(String.format(format, args)));
  }

  private static String describe(Handler h) {
    if (h == null) return "-";
    return h.file() == null ? h.name() + "(undefined)" : h.name() + "@" + h.file() + ":" + h.line();
  }
}
