package org.mmapcheck.analyzer.model;

import java.util.List;

/**
 * An object defined with an initializer, or one part of it. {@code path} is how to reach it from
 * the variable: {@code foo}, {@code foo.ops}, {@code foo[1]}. {@code type} is the declared type
 * for a variable and null for a nested part, whose type the program model derives.
 */
public record Initializer(
    String path,
    TypeRef type,
    boolean isStatic,
    Location location,
    List<FieldValue> fields,
    List<Initializer> parts) {

  /** {@code .field = value} inside the braces. */
  public record FieldValue(String field, Expr value, Location location) {}
}
