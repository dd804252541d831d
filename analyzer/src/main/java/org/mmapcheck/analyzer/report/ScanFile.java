package org.mmapcheck.analyzer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Notification;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanStats;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Location;

/**
 * Reads an earlier scan back from the files {@code scan} writes: mmapcheck's JSON or its SARIF.
 * Only mmapcheck's own files are accepted; another tool's SARIF would name rules the page cannot
 * explain and exporters it never saw.
 */
public final class ScanFile {

  /** The file is not a scan mmapcheck can read back; the message says why, in one line. */
  public static final class UnreadableException extends Exception {
    UnreadableException(String message) {
      super(message);
    }
  }

  private ScanFile() {}

  /** @throws IOException when the file cannot be read at all */
  public static ScanRecord read(Path file) throws IOException, UnreadableException {
    JsonNode root;
    try {
      root = Json.PLAIN.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new UnreadableException(file + ": not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root != null && root.has("runs")) return sarif(file, root);
    if (root != null && root.has("findings") && root.has("tool")) return json(file, root);
    throw new UnreadableException(file + ": neither SARIF nor mmapcheck JSON");
  }

  private static ScanRecord json(Path file, JsonNode root) throws UnreadableException {
    String tool = root.path("tool").asText();
    if (!tool.equals(Version.NAME)) throw new UnreadableException(file + ": JSON from " + tool + ", not " + Version.NAME);
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      List<Finding.Related> related = new ArrayList<>();
      for (JsonNode r : f.path("related")) related.add(jsonPlace(r));
      List<List<Finding.Related>> flows = new ArrayList<>();
      for (JsonNode flow : f.path("flows")) {
        List<Finding.Related> steps = new ArrayList<>();
        for (JsonNode step : flow) steps.add(jsonPlace(step));
        flows.add(List.copyOf(steps));
      }
      Location at = Location.at(f.path("file").asText(), f.path("line").asInt(), f.path("column").asInt());
      findings.add(
          new Finding(
              required(file, f, "rule"),
              level(file, f.path("level").asText()),
              f.path("message").asText(),
              at,
              f.path("function").isTextual() ? f.path("function").asText() : null,
              List.copyOf(related),
              List.copyOf(flows)));
    }
    List<Notification> notes = new ArrayList<>();
    for (JsonNode n : root.path("notifications"))
      notes.add(new Notification(level(file, n.path("level").asText()), text(n, "file"), n.path("message").asText(), text(n, "rule")));
    ScanStats stats;
    try {
      stats = root.has("stats") ? Json.PLAIN.treeToValue(root.get("stats"), ScanStats.class) : null;
    } catch (JsonProcessingException e) {
      throw new UnreadableException(file + ": stats unreadable (" + e.getOriginalMessage() + ")");
    }
    return new ScanRecord(
        "not recorded in " + file.getFileName(),
        profile(file, root.path("profile").asText("current")),
        root.path("version").asText("unknown"),
        stats,
        List.copyOf(findings),
        List.copyOf(notes),
        null,
        Map.of(),
        "not available: mmapcheck's JSON carries no source text");
  }

  private static ScanRecord sarif(Path file, JsonNode root) throws UnreadableException {
    JsonNode run = root.path("runs").path(0);
    String driver = run.path("tool").path("driver").path("name").asText("");
    if (!driver.equals(Version.NAME))
      throw new UnreadableException(file + ": SARIF from " + (driver.isEmpty() ? "an unnamed tool" : driver) + ", not " + Version.NAME);
    List<Finding> findings = new ArrayList<>();
    Map<Location, ScanRecord.Excerpt> excerpts = new HashMap<>();
    for (JsonNode r : run.path("results")) {
      JsonNode physical = r.path("locations").path(0).path("physicalLocation");
      Location at = sarifLocation(file, physical);
      List<Finding.Related> related = new ArrayList<>();
      for (JsonNode l : r.path("relatedLocations")) related.add(sarifPlace(file, l));
      List<List<Finding.Related>> flows = new ArrayList<>();
      for (JsonNode flow : r.path("codeFlows")) {
        List<Finding.Related> steps = new ArrayList<>();
        for (JsonNode step : flow.path("threadFlows").path(0).path("locations")) steps.add(sarifPlace(file, step.path("location")));
        flows.add(List.copyOf(steps));
      }
      findings.add(
          new Finding(
              required(file, r, "ruleId"),
              level(file, r.path("level").asText("warning")),
              r.path("message").path("text").asText(),
              at,
              null,
              List.copyOf(related),
              List.copyOf(flows)));
      ScanRecord.Excerpt excerpt = snippet(physical, at);
      if (excerpt != null) excerpts.putIfAbsent(at, excerpt);
    }
    List<Notification> notes = new ArrayList<>();
    for (JsonNode n : run.path("invocations").path(0).path("toolExecutionNotifications")) {
      JsonNode uri = n.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri");
      notes.add(
          new Notification(
              level(file, n.path("level").asText("warning")),
              uri.isTextual() ? path(file, uri.asText()) : null,
              n.path("message").path("text").asText(),
              text(n.path("associatedRule"), "id")));
    }
    JsonNode base = run.path("originalUriBaseIds").path(SarifReport.SRCROOT).path("uri");
    return new ScanRecord(
        base.isTextual() ? treePath(base.asText()) : "not recorded in " + file.getFileName(),
        profile(file, run.path("properties").path("profile").asText("current")),
        run.path("tool").path("driver").path("version").asText("unknown"),
        null,
        List.copyOf(findings),
        List.copyOf(notes),
        null,
        Map.copyOf(excerpts),
        excerpts.isEmpty() ? "not available: the SARIF file carries no snippets" : "the SARIF file's snippets");
  }

  /** The source SARIF carries, if any: the context region's snippet, else the region's own. */
  private static ScanRecord.Excerpt snippet(JsonNode physical, Location at) {
    for (String region : List.of("contextRegion", "region")) {
      JsonNode r = physical.path(region);
      JsonNode text = r.path("snippet").path("text");
      if (!text.isTextual()) continue;
      List<String> lines = text.asText().lines().toList();
      int first = r.path("startLine").asInt(at.line());
      ScanRecord.Excerpt excerpt = ScanRecord.around(lines, first, at.line(), Math.max(at.line(), at.endLine()));
      if (excerpt != null) return excerpt;
    }
    return null;
  }

  private static Finding.Related jsonPlace(JsonNode n) {
    return new Finding.Related(
        Location.at(n.path("file").asText(), n.path("line").asInt(), n.path("column").asInt()), n.path("message").asText());
  }

  private static Finding.Related sarifPlace(Path file, JsonNode location) throws UnreadableException {
    return new Finding.Related(sarifLocation(file, location.path("physicalLocation")), location.path("message").path("text").asText());
  }

  private static Location sarifLocation(Path file, JsonNode physical) throws UnreadableException {
    JsonNode uri = physical.path("artifactLocation").path("uri");
    if (!uri.isTextual()) throw new UnreadableException(file + ": a location without a file");
    JsonNode region = physical.path("region");
    int line = region.path("startLine").asInt(1);
    int column = region.path("startColumn").asInt(1);
    return new Location(
        path(file, uri.asText()), line, column, region.path("endLine").asInt(line), region.path("endColumn").asInt(column));
  }

  /** A SARIF artifact URI back to the tree-relative path the scan wrote. */
  private static String path(Path file, String uri) throws UnreadableException {
    try {
      return new URI(uri).getPath();
    } catch (URISyntaxException e) {
      throw new UnreadableException(file + ": bad artifact URI " + uri);
    }
  }

  private static String treePath(String uri) {
    try {
      return Path.of(URI.create(uri)).toString();
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return uri;
    }
  }

  private static String profile(Path file, String label) throws UnreadableException {
    try {
      return Profile.fromLabel(label).label();
    } catch (IllegalArgumentException e) {
      throw new UnreadableException(file + ": " + e.getMessage());
    }
  }

  private static Severity level(Path file, String level) throws UnreadableException {
    try {
      return Severity.valueOf(level.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UnreadableException(file + ": unknown level '" + level + "'");
    }
  }

  private static String required(Path file, JsonNode n, String field) throws UnreadableException {
    if (!n.path(field).isTextual()) throw new UnreadableException(file + ": a result without " + field);
    return n.path(field).asText();
  }

  private static String text(JsonNode n, String field) {
    return n.path(field).isTextual() ? n.path(field).asText() : null;
  }
}
