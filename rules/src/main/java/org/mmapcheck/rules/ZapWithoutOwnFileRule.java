package org.mmapcheck.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.KernelApi;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;
import org.mmapcheck.analyzer.model.TypeRef;

@RuleInfo(
    id = "dmabuf/zap-without-own-file",
    summary = "exporter zaps ptes where its dma-buf mappings are not: in another file, or at the DRM fake offset",
    severity = Severity.ERROR,
    severity2012 = Severity.ERROR,
    precision = Precision.MEDIUM,
    tags = {"dma-buf", "mmap", "coherency", "contract"},
    clause = "faking coherency needs the exporter's own file in vma->vm_file and vm_pgoff adjusted for it")
public final class ZapWithoutOwnFileRule implements Rule {

  /** The field of the dma-buf's file that an exporter may point at its own address space. */
  private static final String MAPPING = "f_mapping";

  /**
   * Zaps run apart from mmap and faults (on eviction, on a move), at offsets the driver may have
   * saved when it made an object, and an export may redirect the dma-buf file's mapping: all
   * are read in the whole driver.
   */
  @Override
  public List<String> readsInDriver(KernelApi api) {
    List<String> words = new ArrayList<>(api.names(Category.ZAP));
    words.addAll(api.names(Category.FAKE_OFFSET_ZAP));
    words.addAll(api.names(Category.FAKE_OFFSET)); // where an offset is made, to be saved
    words.add(MAPPING + " ="); // a store, as kernel style spaces it
    return words;
  }

  @Override
  public void check(ProgramModel model, RuleContext context) {
    Set<String> zaps = new HashSet<>(context.api().names(Category.ZAP));
    zaps.addAll(context.api().names(Category.FAKE_OFFSET_ZAP));
    Set<String> setFile = context.api().names(Category.SET_FILE);
    Set<String> fakeOffset = context.api().names(Category.FAKE_OFFSET);
    for (MmapPath path : context.mmapPaths()) {
      if (path.faultingInstalls().isEmpty()) continue;
      Set<FunctionDef> driverCode = driverCode(model, path);
      boolean sharedFile =
          path.storesInto("vm_file").isEmpty()
              && path.callsTo(setFile).stream().allMatch(MmapPath.Site::atFaultTime)
              && !redirectsAddressSpace(driverCode);
      // A dma-buf mapping's vm_pgoff is its offset into the buffer unless the mmap adds the fake offset.
      boolean fakeOffsetInPgoff =
          path.sites().stream().anyMatch(s -> !s.atFaultTime() && PgoffFakeOffsetRule.movesPgoff(s.step(), fakeOffset) > 0);
      MmapPath.VmOpsInstall install = path.faultingInstalls().get(0);
      for (FunctionDef f : driverCode) {
        for (Step s : f.steps()) {
          if (!(s instanceof Step.CallStep c) || !zaps.contains(Expr.calleeName(c.call()))) continue;
          String zap = Expr.calleeName(c.call()) + "()";
          String message;
          if (sharedFile)
            message = zap + " zaps ptes to fake coherency, but the mmap of exporter '" + path.exporter().name()
                + "' leaves the shared dma-buf file in vma->vm_file, so the zap never reaches dma-buf mappings;"
                + " set the exporter's own file with vma_set_file()";
          else if (!fakeOffsetInPgoff && atFakeOffset(model, context, driverCode, f, c))
            message = zap + " zaps ptes at the DRM fake offset of the object, but the mmap of exporter '"
                + path.exporter().name() + "' leaves vma->vm_pgoff at the offset into the dma-buf, which"
                + " never carries the fake offset, so the zap never reaches dma-buf mappings and their stale"
                + " ptes stay; zap at the offset the dma-buf mapping has, or add the fake offset to vm_pgoff";
          else continue;
          context.report(
              c.location(),
              f.name(),
              message,
              List.of(
                  Exporters.related(path.exporter()),
                  new Finding.Related(install.store().location(), "fault-based mapping installed here")),
              List.of());
        }
      }
    }
  }

  /**
   * The code that may zap for the exporter: its path's files, at mmap and fault time, and the
   * driver that fills its ptes, the directories of the vm_ops its mmap installs (a zap runs on
   * eviction or a move, which no callback need reach).
   */
  private static Set<FunctionDef> driverCode(ProgramModel model, MmapPath path) {
    Set<String> files = new HashSet<>();
    path.reach().keySet().forEach(f -> files.add(f.file()));
    path.faultReach().keySet().forEach(f -> files.add(f.file()));
    Set<String> directories = new HashSet<>();
    for (MmapPath.VmOpsInstall install : path.faultingInstalls())
      for (OpsTable t : install.tables()) if (MmapPath.faults(t)) directories.add(ProgramModel.directory(t.file()));
    Set<FunctionDef> code = new LinkedHashSet<>();
    for (FileModel file : model.files())
      if (files.contains(file.path()) || directories.contains(ProgramModel.directory(file.path())))
        code.addAll(file.functions());
    return code;
  }

  /**
   * Whether the zap is at a GEM object's fake mmap offset: a zap that always is
   * ({@code drm_vma_node_unmap()}), or one with an argument made from the fake offset
   * ({@code drm_vma_node_offset_addr()}), directly, through a local, a helper that returns it, or
   * a field of the object the driver saved it in.
   */
  private static boolean atFakeOffset(
      ProgramModel model, RuleContext context, Set<FunctionDef> driverCode, FunctionDef in, Step.CallStep zap) {
    if (context.api().names(Category.FAKE_OFFSET_ZAP).contains(Expr.calleeName(zap.call()))) return true;
    Set<String> fakeOffset = context.api().names(Category.FAKE_OFFSET);
    for (Expr arg : zap.call().args())
      if (madeFrom(model, driverCode, in, zap, arg, fakeOffset, new HashSet<>())) return true;
    return false;
  }

  /**
   * Whether the value of {@code e} where step {@code at} of {@code in} runs comes from a call of one
   * of {@code names}: one in it, or a value a local in it may hold there ({@link Locals}), or a
   * function of the model whose return value does, or a field of a struct that the driver's code
   * ({@code code}) stores such a value into anywhere. Each function, local and field is looked
   * into once ({@code seen}), which keeps loops and recursion finite.
   */
  private static boolean madeFrom(
      ProgramModel model, Set<FunctionDef> code, FunctionDef in, Step at, Expr e, Set<String> names, Set<Object> seen) {
    for (Expr x : Expr.all(e)) {
      if (x instanceof Expr.Call call) {
        String callee = Expr.calleeName(call);
        if (callee == null) continue;
        if (names.contains(callee)) return true;
        FunctionDef helper = model.resolveFunction(callee, in.file());
        if (helper != null && seen.add(helper))
          for (Step s : helper.steps())
            if (s instanceof Step.Return r && r.value() != null && madeFrom(model, code, helper, s, r.value(), names, seen))
              return true;
      } else if (x instanceof Expr.Name n && in.variable(n.name()) != null && seen.add(List.of(in, n.name()))) {
        for (Step.Store st : Locals.storesReaching(in, n.name(), at))
          if (madeFrom(model, code, in, st, st.value(), names, seen)) return true;
      } else if (x instanceof Expr.Member m) {
        TypeRef owner = model.ownerType(m, in);
        if (!owner.isKnown() || !seen.add(List.of(owner.name(), m.field()))) continue;
        for (FieldStore fs : storesInto(code, m.field()))
          if (owner.name().equals(model.ownerType(fs.target(), fs.function()).name())
              && madeFrom(model, code, fs.function(), fs.store(), fs.store().value(), names, seen))
            return true;
      }
    }
    return false;
  }

  /**
   * The generic DRM way: the exported file's address space is pointed at the device's
   * ({@code dma_buf->file->f_mapping = ...}), so zaps of the device's mapping reach dma-buf ones.
   */
  private static boolean redirectsAddressSpace(Set<FunctionDef> code) {
    return !storesInto(code, MAPPING).isEmpty();
  }

  /** A store into a field of a struct, in the function it is in. */
  private record FieldStore(FunctionDef function, Step.Store store, Expr.Member target) {}

  /** The code's stores into {@code field} of any struct. */
  private static List<FieldStore> storesInto(Set<FunctionDef> code, String field) {
    List<FieldStore> out = new ArrayList<>();
    for (FunctionDef f : code)
      for (Step s : f.steps())
        if (s instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals(field))
          out.add(new FieldStore(f, st, m));
    return out;
  }
}
