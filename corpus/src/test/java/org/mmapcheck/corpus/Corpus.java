package org.mmapcheck.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanListener;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.source.DirectoryTree;
import org.mmapcheck.rules.BuiltinRules;

/** The corpus on disk: its cases, and a scan of one. Maven runs tests in the module directory. */
final class Corpus {

  static final Path ROOT = Path.of("").toAbsolutePath();
  static final Path RULES = ROOT.resolve("rules");
  static final Path MODEL = ROOT.resolve("model");
  static final Path SAMPLE = ROOT.resolve("sample");
  static final String INCLUDE = "include";

  private Corpus() {}

  /** One program to scan: a .c file or a directory, with the stub headers beside it. */
  record Case(Path root, String name, List<String> prefixes) {

    ScanResult scan(Profile profile) {
      try {
        return new Scanner(ScanOptions.defaults(profile).withJobs(1), ScanListener.NONE)
            .scan(new DirectoryTree(root), prefixes, BuiltinRules.all());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The case's own files (not the stub headers), by path relative to the root. */
    Map<String, Path> files() {
      Map<String, Path> out = new TreeMap<>();
      Path start = root.resolve(prefixes.get(prefixes.size() - 1));
      try (Stream<Path> walk = Files.walk(start)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".h"))
            .forEach(p -> out.put(root.relativize(p).toString().replace('\\', '/'), p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }
  }

  /** Each .c file or directory under {@code dir} is one case. */
  static List<Case> casesIn(Path dir) {
    List<Case> cases = new ArrayList<>();
    if (!Files.isDirectory(dir)) return cases;
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.sorted().toList()) {
        if (Files.isDirectory(p) || p.toString().endsWith(".c")) {
          String relative = ROOT.relativize(p).toString().replace('\\', '/');
          cases.add(new Case(ROOT, relative, List.of(INCLUDE, relative)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  /** Every rule's cases: {@code rules/<id>/...}, the id holding a slash. */
  static List<Case> ruleCases() {
    List<Case> cases = new ArrayList<>();
    for (var r : BuiltinRules.all()) cases.addAll(casesIn(RULES.resolve(r.id())));
    return cases;
  }

  /** The bundled sample tree, scanned on its own as a whole kernel-like tree. */
  static Case sample() {
    return new Case(SAMPLE, "sample", List.of(""));
  }
}
