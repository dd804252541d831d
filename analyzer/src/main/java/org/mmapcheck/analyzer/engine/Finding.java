package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.model.Location;

/**
 * One reported problem. {@code related} lists the exporters (and other places) involved; {@code
 * flow} is the chain from an ops table to the offending line, empty for a problem-kind rule.
 */
public record Finding(
    String ruleId,
    Severity severity,
    String message,
    Location location,
    String function,
    List<Related> related,
    List<List<Related>> flows) {

  /** A location with a short message, for related locations and code-flow steps. */
  public record Related(Location location, String message) {}
}
