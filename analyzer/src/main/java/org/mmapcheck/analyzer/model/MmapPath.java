package org.mmapcheck.analyzer.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything an exporter's mmap callback can run: the functions it reaches (with the chain from
 * the callback), the vm_ops it installs, and the fault-time code those vm_ops reach. Rules walk
 * this instead of the call graph.
 *
 * @param reach functions run at mmap time, each with its chain from the handler
 * @param installs every store into a vma's vm_ops on the path, with the tables it can install
 * @param faultReach functions run at fault time, each with its chain from a fault callback
 * @param sites every step run at mmap time, then every step run at fault time, listed once
 * @param mmapFacts what holds where each function of {@code reach} runs (see {@link Runs})
 */
public record MmapPath(
    OpsTable exporter,
    FunctionDef handler,
    Map<FunctionDef, List<FunctionDef>> reach,
    List<VmOpsInstall> installs,
    Map<FunctionDef, FaultChain> faultReach,
    List<Site> sites,
    Map<FunctionDef, Facts> mmapFacts) {

  /** A store {@code vma->vm_ops = value} in {@code function}, and the tables value can be. */
  public record VmOpsInstall(FunctionDef function, Step.Store store, List<OpsTable> tables) {}

  /** How fault-time code is reached: which install, which table and callback, then the calls. */
  public record FaultChain(VmOpsInstall install, OpsTable table, String callback, List<FunctionDef> calls) {}

  /** One step of the path, in some function, with the chain of functions that reaches it. */
  public record Site(FunctionDef function, Step step, List<FunctionDef> chain, boolean atFaultTime) {}

  /**
   * The path from an exporter's mmap handler, {@code depth} calls deep, never into the functions
   * in {@code stopAt}, starting from what is known of the exporter's objects ({@link
   * ProgramModel#exportedObjects}); steps whose guards cannot hold there are left out, with
   * what they call and install. Fault-time code is followed the same way, through direct calls
   * and ops fields, from what is known of the object that faults.
   */
  public static MmapPath of(
      ProgramModel model, OpsTable exporter, FunctionDef handler, int depth, Set<String> stopAt) {
    CallGraph.Reach mmapTime = model.reach(handler, depth, true, stopAt, model.exportedObjects(exporter));
    List<Site> sites = new ArrayList<>();
    List<VmOpsInstall> installs = new ArrayList<>();
    Map<VmOpsInstall, Facts> installFacts = new LinkedHashMap<>();
    mmapTime.chains().forEach(
        (f, chain) -> {
          for (Step s : f.steps()) {
            Facts at = model.factsAt(s, f, mmapTime.facts().get(f));
            if (at == null) continue; // its guards cannot hold on this path
            sites.add(new Site(f, s, chain, false));
            if (s instanceof Step.Store store
                && store.target() instanceof Expr.Member m
                && m.field().equals("vm_ops")) {
              List<OpsTable> tables = new ArrayList<>();
              for (Expr value : Locals.valuesAt(f, store, store.value()))
                for (OpsTable t : model.tablesOf(value, "vm_operations_struct", f, at)) if (!tables.contains(t)) tables.add(t);
              VmOpsInstall install = new VmOpsInstall(f, store, tables);
              installs.add(install);
              installFacts.put(install, at);
            }
          }
        });
    Map<FunctionDef, FaultChain> faultReach = new LinkedHashMap<>();
    List<Site> faultSites = new ArrayList<>();
    for (VmOpsInstall install : installs) {
      for (OpsTable table : install.tables()) {
        // The object that faults is the one mapped: what the path knew of its tables holds there,
        // and it is one whose table gave these vm_ops (obj->funcs->vm_ops), so calls through its
        // other fields (bdev->funcs->move) reach that driver's tables, not every driver's.
        Facts objects = new Facts(model.holding(install.store().value(), table, install.function(),
            installFacts.get(install)).tables(), null);
        for (String callback : ProgramModel.FAULT_CALLBACKS) {
          FunctionDef fault = model.handler(table, callback);
          if (fault == null) continue;
          CallGraph.Reach faultTime = model.reach(fault, depth, true, stopAt, objects);
          faultTime.chains().forEach(
              (f, calls) -> {
                if (faultReach.containsKey(f)) return;
                faultReach.put(f, new FaultChain(install, table, callback, calls));
                for (Step s : f.steps())
                  if (model.factsAt(s, f, faultTime.facts().get(f)) != null) faultSites.add(new Site(f, s, calls, true));
              });
        }
      }
    }
    sites.addAll(faultSites);
    return new MmapPath(
        exporter, handler, mmapTime.chains(), installs, faultReach, List.copyOf(sites), mmapTime.facts());
  }

  /** The installs that can put a table with fault callbacks on the vma. */
  public List<VmOpsInstall> faultingInstalls() {
    return installs.stream().filter(i -> i.tables().stream().anyMatch(MmapPath::faults)).toList();
  }

  public static boolean faults(OpsTable vmOps) {
    return ProgramModel.FAULT_CALLBACKS.stream().anyMatch(vmOps::has);
  }

  /** Calls to any of these functions, by name, at mmap time or fault time. */
  public List<Site> callsTo(Collection<String> names) {
    List<Site> out = new ArrayList<>();
    for (Site s : sites()) {
      if (s.step() instanceof Step.CallStep c && names.contains(Expr.calleeName(c.call()))) out.add(s);
    }
    return out;
  }

  /**
   * Whether mmap-time code sets the vma flag: a call of a setter with it in the flags it sets, its
   * second argument ({@code vm_flags_set(vma, VM_DONTEXPAND | ...)}; {@code vm_flags_mod(vma, set,
   * clear)} clears its third), or a store of it into {@code vm_flags} ({@code |=} or {@code =}).
   * A flag under {@code ~} is being cleared. The flags may come through a local built before.
   */
  public boolean setsVmFlag(String flag, Set<String> setters) {
    return sites().stream().anyMatch(site -> !site.atFaultTime() && setsVmFlag(site.function(), site.step(), flag, setters));
  }

  /** Whether the step of the function sets the vma flag (see {@link #setsVmFlag(String, Set)}). */
  public static boolean setsVmFlag(FunctionDef f, Step step, String flag, Set<String> setters) {
    if (step instanceof Step.CallStep c
        && setters.contains(Expr.calleeName(c.call()))
        && c.call().args().size() > 1
        && setsFlag(f, step, c.call().args().get(1), flag)) return true;
    return step instanceof Step.Store s
        && Expr.isField(s.target(), "vm_flags")
        && (s.op().equals("|=") || s.op().equals("="))
        && setsFlag(f, step, s.value(), flag);
  }

  /**
   * Whether the flags value names the flag outside a complement ({@code VM_IO | VM_DONTEXPAND}),
   * itself or in a value a local outside a complement may hold where the step runs.
   */
  private static boolean setsFlag(FunctionDef f, Step at, Expr value, String flag) {
    List<Expr> all = Expr.all(value);
    Set<Expr> cleared = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Expr x : all) if (x instanceof Expr.Unary u && u.op().equals("~")) cleared.addAll(Expr.all(u.operand()));
    for (Expr x : all) {
      if (!(x instanceof Expr.Name n) || cleared.contains(x)) continue;
      if (n.name().equals(flag)) return true;
      if (f.variable(n.name()) != null)
        for (Step.Store st : Locals.storesReaching(f, n.name(), at))
          if (setsFlag(f, st, st.value(), flag)) return true;
    }
    return false;
  }

  /** Mmap-time stores into the field ({@code vma->vm_file = ...}). */
  public List<Site> storesInto(String field) {
    return storesInto(field, false);
  }

  /** Stores into the field at mmap time, or at fault time ({@code vmf->page = ...}). */
  public List<Site> storesInto(String field, boolean atFaultTime) {
    List<Site> out = new ArrayList<>();
    for (Site site : sites())
      if (site.atFaultTime() == atFaultTime && site.step() instanceof Step.Store s && Expr.isField(s.target(), field))
        out.add(site);
    return out;
  }
}
