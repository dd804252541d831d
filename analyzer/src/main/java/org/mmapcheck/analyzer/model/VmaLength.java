package org.mmapcheck.analyzer.model;

/**
 * The length of a vma, {@code vma->vm_end - vma->vm_start}, as a function reads it. A mapping
 * whose length must equal the whole buffer's can only be at offset 0, since the dma-buf core
 * refuses an offset plus length beyond the buffer.
 */
public final class VmaLength {

  private VmaLength() {}

  /**
   * {@code vma->vm_end - vma->vm_start}, or a local that holds it where the step runs: every value
   * the local may hold there is the length ({@link Locals}).
   */
  public static boolean is(Expr e, FunctionDef f, Step at) {
    return Locals.everyValue(f, at, e, v -> Expr.strip(v) instanceof Expr.Binary b && b.op().equals("-")
        && Expr.isField(b.left(), "vm_end") && Expr.isField(b.right(), "vm_start"));
  }

  /** Whether the condition of the step holds the length to a size exactly: {@code len != size} (or ==). */
  public static boolean comparedExactly(Step.Condition c, FunctionDef f) {
    for (Expr x : Expr.all(c.condition()))
      if (x instanceof Expr.Binary b && (b.op().equals("!=") || b.op().equals("=="))
          && (is(b.left(), f, c) || is(b.right(), f, c))) return true;
    return false;
  }
}
