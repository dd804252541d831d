package org.mmapcheck.analyzer.report;

import java.net.URI;
import java.util.Map;
import org.mmapcheck.analyzer.engine.Finding;

/**
 * What a SARIF run says beyond the scan: each finding's key (for {@code partialFingerprints}),
 * and for a scan of a git revision, where the code came from and how it compares with a base.
 *
 * @param keys every reported finding's key
 * @param versionControl the revision scanned, or null for a directory
 * @param automationId SARIF {@code automationDetails.id} ("category/run"), or null
 * @param states each finding's {@code baselineState} in a diff or against a baseline; empty otherwise
 */
public record SarifContext(
    Map<Finding, FindingKey> keys,
    VersionControl versionControl,
    String automationId,
    Map<Finding, BaselineState> states) {

  /** A directory scan's context: keys only. */
  public static SarifContext of(Map<Finding, FindingKey> keys) {
    return new SarifContext(keys, null, null, Map.of());
  }

  /** The same context with these baseline states. */
  public SarifContext withStates(Map<Finding, BaselineState> states) {
    return new SarifContext(keys, versionControl, automationId, states);
  }

  /** Where the scanned code came from: SARIF {@code versionControlProvenance}. */
  public record VersionControl(URI repositoryUri, String revisionId, String branch) {}

  /** How a finding compares with the base revision, in SARIF's words. */
  public enum BaselineState {
    NEW("new"),
    UNCHANGED("unchanged"),
    ABSENT("absent");

    private final String sarif;

    BaselineState(String sarif) {
      this.sarif = sarif;
    }

    public String sarif() {
      return sarif;
    }
  }
}
