package org.mmapcheck.analyzer.model;

/**
 * The declared type of a variable, field or function result, as far as the rules need it: the
 * struct, union or typedef name and how many pointer levels sit on top. Arrays count as a level.
 */
public record TypeRef(String name, int pointers) {

  public static final TypeRef UNKNOWN = new TypeRef("", 0);

  public boolean isKnown() {
    return !name.isEmpty();
  }

  public TypeRef pointerTo() {
    return new TypeRef(name, pointers + 1);
  }

  public TypeRef pointee() {
    return pointers == 0 ? UNKNOWN : new TypeRef(name, pointers - 1);
  }

  public boolean is(String typeName) {
    return name.equals(typeName) && pointers == 0;
  }

  public boolean isPointerTo(String typeName) {
    return name.equals(typeName) && pointers == 1;
  }
}
