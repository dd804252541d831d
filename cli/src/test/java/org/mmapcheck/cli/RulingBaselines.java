package org.mmapcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The reviewed ruling baselines ({@code corpus/ruling/<tree>/}), as the kernel tests here read them. */
final class RulingBaselines {

  static final Path ROOT = Path.of("../corpus/ruling");

  private RulingBaselines() {}

  /**
   * The rows of a tree's {@code findings.tsv} that a scan reports, as cells (path, line, function,
   * rule, verdict, reason): a row the review marks {@code false-negative} is a known miss.
   */
  static List<String[]> findings(String tree) throws IOException {
    try (Stream<String> lines = Files.lines(ROOT.resolve(tree).resolve("findings.tsv"))) {
      return lines.skip(1).map(l -> l.split("\t")).filter(c -> !c[4].equals("false-negative")).toList();
    }
  }
}
