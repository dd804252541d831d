package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.report.Inventory;

/** The mmap profile the inventory gives the exporters of the {@code model/} fixtures. */
class ProfileFixturesTest {

  private static Map<String, Inventory.MmapProfile> profiles(String fixture) {
    String name = "model/" + fixture;
    return Inventory.of(new Corpus.Case(Corpus.ROOT, name, List.of(Corpus.INCLUDE, name)).scan(Profile.CURRENT))
        .stream()
        .collect(Collectors.toMap(e -> e.id().substring(e.id().indexOf(':') + 1), Inventory.Exporter::profile));
  }

  @Test
  void remapPfnRangeSetsDontExpandItself() {
    Inventory.MmapProfile p = profiles("profile_implied_flags.c").get("implied_ops");
    assertEquals("true", p.dontExpand());
    assertEquals("read", p.pgoff());
    assertEquals("cacheable", p.caching());
  }

  @Test
  void cachingChosenPerObjectDepends() {
    Inventory.MmapProfile p = profiles("profile_per_object.c").get("perobj_ops");
    assertEquals("depends(cacheable in perobj_mmap; uncached in perobj_mmap)", p.caching());
    assertEquals("ignored", p.pgoff(), "the fault handler indexes by address");
    assertEquals("true", p.dontExpand());
  }

  @Test
  void offsetsRefusedZeroedOrNotApplicable() {
    Map<String, Inventory.MmapProfile> p = profiles("profile_offsets.c");
    Inventory.MmapProfile sized = p.get("offs_vma_sized_ops");
    assertEquals("rejects-nonzero", sized.pgoff());
    assertEquals("dma-api", sized.caching());
    assertEquals("depends(DMA backend of dma_mmap_coherent)", sized.dontExpand());
    Inventory.MmapProfile whole = p.get("offs_whole_ops");
    assertEquals("rejects-nonzero", whole.pgoff());
    assertEquals("true", whole.dontExpand());
    assertEquals("ignored", p.get("offs_zeroed_ops").pgoff());
    Inventory.MmapProfile refuse = p.get("offs_refuse_ops");
    assertEquals(List.of("unsupported"), refuse.mapping());
    assertEquals(List.of("n/a", "n/a", "n/a", "n/a"),
        List.of(refuse.caching(), refuse.vmFile(), refuse.pgoff(), refuse.dontExpand()));
  }

  @Test
  void vmaSetFileOnOneBranchDependsButNotOnErrorChecks() {
    Map<String, Inventory.MmapProfile> p = profiles("profile_branch_file.c");
    Inventory.MmapProfile branch = p.get("brfile_ops");
    assertEquals("depends(vma_set_file in brfile_mmap; unchanged in brfile_mmap)", branch.vmFile(),
        "objects in device memory return early through brfile_map_device");
    assertEquals("depends(cacheable in brfile_mmap; uncached in brfile_map_device)", branch.caching());
    assertEquals("vma_set_file", p.get("errfile_ops").vmFile(), "the returns before it only report errors");
  }

  @Test
  void cachingChosenOnOneBranchOnlyDepends() {
    Inventory.MmapProfile p = profiles("profile_branch_caching.c").get("brcache_ops");
    assertEquals("depends(cacheable in brcache_mmap; uncached in brcache_mmap)", p.caching(),
        "buffers created cached keep the core's protection");
    Inventory.MmapProfile local = profiles("profile_branch_caching.c").get("brlocal_ops");
    assertEquals("depends(uncached in brlocal_mmap; cacheable in brlocal_mmap)", local.caching(),
        "the protection the mapping call is given is chosen in a local, on one branch");
  }

  @Test
  void dontExpandDependsOnTheDriverTableTheDispatchReaches() {
    Inventory.MmapProfile p = profiles("profile_per_table_dontexpand.c").get("genprime_ops");
    assertEquals("depends(true in tidy_gem_mmap; false in loose_gem_mmap)", p.dontExpand());
  }

  @Test
  void anUndefinedHandlerLeavesTheFieldsUnknown() {
    Inventory.MmapProfile p = profiles("undefined_handler.c").get("form_ops");
    assertEquals(List.of("unknown"), p.mapping());
    for (String field : List.of(p.caching(), p.vmFile(), p.pgoff(), p.dontExpand()))
      assertEquals("unknown(mmap handler not defined in the scanned files)", field);
  }

  @Test
  void protectionBuiltAtFaultTimeOrAShmemFileDecideLater() {
    Map<String, Inventory.MmapProfile> p = profiles("profile_per_fault.c");
    Inventory.MmapProfile placed = p.get("placed_ops");
    assertEquals("depends(per-fault in placed_fault)", placed.caching());
    assertEquals("at-fault", placed.pgoff());
    Inventory.MmapProfile shmem = p.get("shmem_backed_ops");
    assertEquals(List.of("shmem-file"), shmem.mapping());
    assertEquals("cacheable", shmem.caching());
    assertEquals("at-fault", shmem.pgoff(), "the shmem file's fault handler reads the offset");
    assertEquals("vma_set_file", shmem.vmFile());
  }

  @Test
  void cacheMaintenanceCountsOnlyInTheHooksOwnDirection() {
    Map<String, Inventory.MmapProfile> p = profiles("profile_cache_direction.c");
    Inventory.MmapProfile right = p.get("bracketed_ops");
    assertEquals(List.of(true, true), List.of(right.beginMaintainsCaches(), right.endMaintainsCaches()));
    Inventory.MmapProfile swapped = p.get("swapped_ops");
    assertEquals(List.of(false, false), List.of(swapped.beginMaintainsCaches(), swapped.endMaintainsCaches()),
        "begin syncs for the device and end for the CPU");
  }

  @Test
  void aDriverTableFilledByAHeadersMacroIsFollowed() {
    Inventory.MmapProfile p = profiles("macro_ops_table").get("core_prime_ops");
    assertEquals(List.of("remap"), p.mapping(), "gem_prime_mmap comes from CORE_GEM_DRIVER_OPS in core_gem.h");
    assertEquals("by-api", p.pgoff());
  }

  @Test
  void runsAtTheEdgesOfWhatIsEnumerated() {
    Map<String, Inventory.MmapProfile> p = profiles("profile_runs_edges.c");
    Inventory.MmapProfile unresolved = p.get("edgeunres_ops");
    assertEquals(List.of("unresolved", "unresolved", "unresolved"),
        List.of(unresolved.caching(), unresolved.vmFile(), unresolved.dontExpand()),
        "a callback of the object's ops that no table sets may do anything with the vma");
    assertEquals("vma_set_file", p.get("edgeimp_ops").vmFile(), "an exporter's own objects are never imported ones");
    assertEquals("uncached", p.get("edgeret_ops").caching(), "the return of the helper's error takes no mapping");
    assertEquals("uncached", p.get("edgegoto_ops").caching(), "the jumps to the unwinding return of an error take no mapping");
    assertEquals("vma_set_file", p.get("edgefwd_ops").vmFile(), "the importer's table forwards objects this exporter never has");
    assertEquals("depends(uncached in edgemany_mmap; cacheable in edgemany_mmap)", p.get("edgemany_ops").caching(),
        "thirteen conditions are more than are enumerated: every effect, and none");
  }
}
