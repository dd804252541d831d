package org.mmapcheck.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.report.FindingDiff;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.SarifContext.BaselineState;
import org.mmapcheck.analyzer.report.SarifReport;

/**
 * An earlier run's SARIF for {@code scan --baseline}: each result's fingerprints at the tiers of
 * the finding key, so a scan pairs its findings with them as {@code diff} pairs two revisions.
 */
final class Baseline {

  /** Result number to its tier fingerprints (null where the file lacks one). */
  private final Map<Integer, List<String>> results;

  private Baseline(Map<Integer, List<String>> results) {
    this.results = results;
  }

  static Baseline read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JacksonException e) {
      throw bad(file, "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw bad(file, "cannot read: " + MmapCheck.reason(e));
    }
    JsonNode runs = root == null ? null : root.get("runs");
    if (runs == null || !runs.isArray() || runs.isEmpty()) throw bad(file, "not a SARIF log (no runs)");
    Map<Integer, List<String>> results = new LinkedHashMap<>();
    for (JsonNode run : runs) {
      for (JsonNode result : run.path("results")) {
        JsonNode fingerprints = result.path("partialFingerprints");
        List<String> tiers = new ArrayList<>();
        for (String name : SarifReport.TIER_FINGERPRINTS)
          tiers.add(fingerprints.path(name).isTextual() ? fingerprints.get(name).asText() : null);
        if (tiers.get(0) == null)
          throw bad(file, "result " + results.size() + " has no '" + SarifReport.TIER_FINGERPRINTS.get(0) + "' fingerprint: not from mmapcheck scan");
        results.put(results.size(), tiers);
      }
    }
    return new Baseline(results);
  }

  /** The findings the earlier run did not have, each marked new, in report order. */
  Map<Finding, BaselineState> newFindings(List<Finding> findings, Map<Finding, FindingKey> keys) {
    Map<Finding, List<String>> now = new LinkedHashMap<>();
    for (Finding f : findings) now.put(f, keys.get(f).tierFingerprints());
    Map<Finding, Integer> paired = FindingDiff.pair(results, now);
    Map<Finding, BaselineState> states = new LinkedHashMap<>();
    for (Finding f : findings) if (!paired.containsKey(f)) states.put(f, BaselineState.NEW);
    return states;
  }

  private static MmapCheck.BadInputException bad(Path file, String message) {
    return new MmapCheck.BadInputException("--baseline " + file + ": " + message);
  }
}
