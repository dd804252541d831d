package org.mmapcheck.analyzer.model;

import java.util.List;

/**
 * A function definition with what its body does. {@code location} is that of its name, and is
 * what tells two definitions apart: functions key many maps, and hashing a whole body each time
 * would cost about a millisecond on a long function.
 *
 * @param steps what the body does, in source order (see {@link Step})
 * @param repeats the spans whose steps may each run any number of times, or none, whatever their
 *     guards say: loops, switch bodies, and code a backward {@code goto} runs again
 * @param labels where the body's labels are: a {@code goto} from anywhere may arrive there
 */
public record FunctionDef(
    String name,
    boolean isStatic,
    TypeRef returnType,
    Location location,
    Location end,
    List<Variable> params,
    List<Variable> locals,
    List<Step> steps,
    List<Location> repeats,
    List<Location> labels) {

  @Override
  public boolean equals(Object o) {
    return o instanceof FunctionDef f && location.equals(f.location);
  }

  @Override
  public int hashCode() {
    return location.hashCode();
  }

  public String file() {
    return location.file();
  }

  public Variable variable(String varName) {
    for (Variable v : locals) if (v.name().equals(varName)) return v;
    for (Variable v : params) if (v.name().equals(varName)) return v;
    return null;
  }
}
