package org.mmapcheck.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mmapcheck.analyzer.report.AtomicFile;
import picocli.CommandLine.Option;

/** Where a report goes: a file, written whole or not at all, or standard output. */
final class OutputOptions {

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  void check() {
    if (output == null) return;
    Path dir = output.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir))
      throw new MmapCheck.BadInputException("directory of --output does not exist: " + output);
    if (Files.isDirectory(output)) throw new MmapCheck.BadInputException("--output is a directory: " + output);
  }

  void write(AtomicFile.Content content, PrintStream stdout) throws IOException {
    if (output != null) {
      AtomicFile.write(output, content);
      return;
    }
    // Rendered first, so a failure part-way never leaves half a report on the stream.
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    content.writeTo(buffer);
    buffer.writeTo(stdout);
    stdout.flush();
  }
}
