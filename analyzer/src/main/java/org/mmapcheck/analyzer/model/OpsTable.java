package org.mmapcheck.analyzer.model;

import java.util.List;
import java.util.Map;

/**
 * An object of an ops struct type ({@code struct dma_buf_ops}, {@code struct
 * vm_operations_struct}, ...), defined with an initializer or filled in at run time.
 *
 * <p>Tables key many maps; the id tells them apart, so hashing does not walk every binding.
 *
 * @param id "relative path:member path", unique in a model, e.g. {@code drivers/x/y.c:foo_ops} or, for a struct
 *     field filled at run time, {@code drivers/x/y.c:struct foo_device.ops}
 * @param location where it is declared, or its first store for a run-time object
 * @param fields every value given to each field, in source order
 * @param copies whole tables copied into this one at run time ({@code dev->ops = *base;})
 */
public record OpsTable(
    String id,
    String type,
    Location location,
    boolean runtime,
    Map<String, List<Binding>> fields,
    List<Binding> copies) {

  /** A value given to a field: in an initializer (function null) or by a store in a function. */
  public record Binding(String field, Expr value, Location location, FunctionDef function) {}

  @Override
  public boolean equals(Object o) {
    return o instanceof OpsTable t && id.equals(t.id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  public String file() {
    return location.file();
  }

  /** The object path after the file, e.g. {@code foo_ops} or {@code wrapper.ops}. */
  public String name() {
    return id.substring(id.lastIndexOf(':') + 1); // the path may hold a colon, C names cannot
  }

  public List<Binding> bindings(String field) {
    return fields.getOrDefault(field, List.of());
  }

  public boolean has(String field) {
    return fields.containsKey(field);
  }
}
