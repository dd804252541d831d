package org.mmapcheck.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mmapcheck.analyzer.engine.KernelApi;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.RuleSettings;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.rules.BuiltinRules;

/**
 * What a {@code .mmapcheck.toml} sets, checked whole when it is read: any key, rule id or value
 * it does not know is a usage error naming the file and the key.
 *
 * @param file what messages call the file: its path, or revision:path in a git tree
 * @param profile null when the file sets none
 * @param api names by category, as {@code --api} lines
 * @param skip tree paths whose files are not read, '/'-separated, no trailing '/'
 */
record ConfigFile(String file, Profile profile, RuleSettings rules, Map<String, List<String>> api, List<String> skip) {

  static final String NAME = ".mmapcheck.toml";
  static final ConfigFile NONE = new ConfigFile(null, null, RuleSettings.NONE, Map.of(), List.of());

  private static final List<String> KEYS = List.of("profile", "rules", "api", "skip");
  private static final String RULE_VALUES = "off, on, error, warning or note";

  static ConfigFile read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw bad(file.toString(), "cannot read: " + e.getMessage());
    }
    return read(file.toString(), bytes);
  }

  static ConfigFile read(String file, byte[] bytes) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(bytes);
    } catch (JacksonException e) {
      throw bad(file, "not valid TOML: " + e.getOriginalMessage().lines().findFirst().orElse("")
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw bad(file, "cannot read: " + e.getMessage());
    }
    for (String key : names(root))
      if (!KEYS.contains(key)) throw bad(file, "unknown key '" + key + "' (expected " + String.join(", ", KEYS) + ")");
    return new ConfigFile(
        file, profile(file, root.get("profile")), rules(file, root.get("rules")), api(file, root.get("api")), skip(file, root.get("skip")));
  }

  /** The kernel API with this file's names added. */
  KernelApi addTo(KernelApi kernelApi) {
    KernelApi out = kernelApi;
    for (Map.Entry<String, List<String>> e : api.entrySet()) {
      try {
        out = out.with(file + ": api." + e.getKey(), e.getKey() + ": " + String.join(" ", e.getValue()));
      } catch (IllegalArgumentException ex) {
        throw new MmapCheck.BadInputException(ex.getMessage());
      }
    }
    return out;
  }

  private static Profile profile(String file, JsonNode value) {
    if (value == null) return null;
    try {
      return Profile.fromLabel(text(file, "profile", value));
    } catch (IllegalArgumentException e) {
      throw bad(file, "profile: " + e.getMessage());
    }
  }

  private static RuleSettings rules(String file, JsonNode table) {
    if (table == null) return RuleSettings.NONE;
    if (!table.isObject()) throw bad(file, "rules: expected a table of rule ids, each " + RULE_VALUES);
    Set<String> off = new TreeSet<>();
    Map<String, Severity> levels = new LinkedHashMap<>();
    for (String id : names(table)) {
      String key = "rules.\"" + id + "\"";
      RuleDescriptor rule = BuiltinRules.find(id);
      if (rule == null) throw bad(file, key + ": unknown rule (see 'mmapcheck rules')");
      String value = text(file, key, table.get(id));
      switch (value) {
        case "off" -> off.add(rule.id());
        case "on" -> {}
        case "error", "warning", "note" -> levels.put(rule.id(), Severity.valueOf(value.toUpperCase(Locale.ROOT)));
        default -> throw bad(file, key + ": '" + value + "' is not one of " + RULE_VALUES);
      }
    }
    return new RuleSettings(off, levels);
  }

  private static Map<String, List<String>> api(String file, JsonNode table) {
    if (table == null) return Map.of();
    if (!table.isObject()) throw bad(file, "api: expected a table: category = [\"name\", ...]");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String category : names(table)) {
      String key = "api." + category;
      List<String> names = strings(file, key, table.get(category));
      for (String name : names)
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw bad(file, key + ": '" + name + "' is not a C function name");
      out.put(category, names);
    }
    return out;
  }

  private static List<String> skip(String file, JsonNode value) {
    if (value == null) return List.of();
    List<String> out = new ArrayList<>();
    for (String path : strings(file, "skip", value)) {
      String p = path.replaceAll("/+$", "");
      if (p.startsWith("./")) p = p.substring(2);
      if (p.isEmpty() || p.startsWith("/") || List.of(p.split("/")).contains(".."))
        throw bad(file, "skip: '" + path + "' is not a path inside the tree");
      out.add(p);
    }
    return out;
  }

  private static String text(String file, String key, JsonNode value) {
    if (!value.isTextual()) throw bad(file, key + ": expected a string");
    return value.asText();
  }

  private static List<String> strings(String file, String key, JsonNode value) {
    if (!value.isArray()) throw bad(file, key + ": expected an array of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) out.add(text(file, key, item));
    return out;
  }

  private static List<String> names(JsonNode table) {
    List<String> out = new ArrayList<>();
    table.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static MmapCheck.BadInputException bad(String file, String message) {
    return new MmapCheck.BadInputException(file + ": " + message);
  }
}
