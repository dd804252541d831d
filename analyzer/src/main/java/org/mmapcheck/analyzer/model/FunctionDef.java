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

  /**
   * The local or parameter of that name, or null. Asked of every name whose type is wanted, so
   * looked up by index: the launcher's compiler (C1) makes an iterator for each for-each loop.
   */
  public Variable variable(String varName) {
    for (int i = 0; i < locals.size(); i++) if (locals.get(i).name().equals(varName)) return locals.get(i);
    for (int i = 0; i < params.size(); i++) if (params.get(i).name().equals(varName)) return params.get(i);
    return null;
  }
}
