package org.mmapcheck.analyzer.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.Step;

/**
 * The caching a step gives the mapping: a store into {@code vma->vm_page_prot}, or a mapping
 * call's own protection. A protection held in a local may be one thing on one branch and another
 * on the next, so a step gives a set of them.
 */
public enum PageProtection {
  /** A write-combined or uncached protection ({@code pgprot_writecombine()}, ...). */
  UNCACHED,
  /** A fresh protection ({@code vm_get_page_prot(vma->vm_flags)}), which keeps nothing of the old one. */
  CACHEABLE,
  /** The protection the mapping had, kept or adjusted ({@code pgprot_decrypted(vma->vm_page_prot)}). */
  KEPT;

  /** As the inventory spells it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The set as one word for {@link org.mmapcheck.analyzer.model.Runs}: its labels, joined by "+". */
  public static String label(Set<PageProtection> protections) {
    return protections.stream().sorted().map(PageProtection::label).collect(Collectors.joining("+"));
  }

  /** The set a {@link #label(Set)} names; null for a word that names none. */
  public static Set<PageProtection> parse(String label) {
    Set<PageProtection> out = EnumSet.noneOf(PageProtection.class);
    for (String part : label.split("\\+")) {
      PageProtection p = Arrays.stream(values()).filter(v -> v.label().equals(part)).findFirst().orElse(null);
      if (p == null) return null;
      out.add(p);
    }
    return out;
  }

  /** What the protection may be after a step that gives {@code given}, when it may have been {@code before}. */
  public static Set<PageProtection> after(Set<PageProtection> before, Set<PageProtection> given) {
    Set<PageProtection> out = EnumSet.noneOf(PageProtection.class);
    out.addAll(given);
    if (out.remove(KEPT)) out.addAll(before);
    return out;
  }

  /**
   * What the step of the function may give the mapping's protection: what it stores into {@code
   * vma->vm_page_prot}, or what a mapping call of the {@code map-prot} list maps with
   * ({@code remap_pfn_range(..., pgprot_writecombine(vma->vm_page_prot))}), followed through the
   * locals it names, one outcome for each value they may hold there. Null for a step that gives
   * none, or one that only keeps or adjusts the old protection.
   */
  public static Set<PageProtection> givenBy(FunctionDef f, Step step, KernelApi api) {
    Expr value = null;
    if (step instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals("vm_page_prot"))
      value = st.value();
    else if (step instanceof Step.CallStep c) value = api.protectionArgument(c.call());
    if (value == null) return null;
    Set<PageProtection> given = of(f, step, value, api, Set.of());
    return given.equals(EnumSet.of(KEPT)) ? null : given;
  }

  /**
   * Uncached when the value makes one, kept when it is made from the old one, else what the
   * locals it names may hold there (each store that reaches it), or cacheable: a fresh protection.
   */
  private static Set<PageProtection> of(FunctionDef f, Step at, Expr value, KernelApi api, Set<String> seen) {
    Set<String> uncached = api.names(Category.UNCACHED_PROT);
    if (Expr.all(value).stream().anyMatch(x -> x instanceof Expr.Call c && uncached.contains(Expr.calleeName(c))))
      return EnumSet.of(UNCACHED);
    if (Expr.mentionsField(value, "vm_page_prot")) return EnumSet.of(KEPT);
    Set<String> followed = new HashSet<>(seen);
    List<Step.Store> stores = new ArrayList<>();
    for (Expr x : Expr.all(value))
      if (x instanceof Expr.Name n && f.variable(n.name()) != null && followed.add(n.name()))
        stores.addAll(Locals.storesReaching(f, n.name(), at));
    if (stores.isEmpty()) return EnumSet.of(CACHEABLE);
    Set<PageProtection> may = EnumSet.noneOf(PageProtection.class);
    for (Step.Store st : stores) may.addAll(of(f, st, st.value(), api, followed));
    return may;
  }
}
