package org.mmapcheck.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.mmapcheck.analyzer.report.AtomicFile;
import picocli.CommandLine.Option;

/**
 * Where a report goes: a file, written whole or not at all, or standard output. A report that
 * cannot be written is bad input (exit 2), checked before the scan where it can be.
 */
final class OutputOptions {

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  void check() {
    if (output == null) return;
    try {
      AtomicFile.check(output);
    } catch (IOException e) {
      throw cannotWrite(e);
    }
  }

  void write(AtomicFile.Content content, PrintStream stdout) throws IOException {
    // Rendered first, so only the write below can fail for want of room or rights.
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    content.writeTo(buffer);
    if (output != null) {
      try {
        AtomicFile.write(output, buffer::writeTo);
      } catch (IOException e) {
        throw cannotWrite(e);
      }
      return;
    }
    buffer.writeTo(stdout);
    stdout.flush();
    // A PrintStream keeps its errors to itself until asked.
    if (stdout.checkError()) throw new MmapCheck.BadInputException("cannot write the report to standard output");
  }

  private MmapCheck.BadInputException cannotWrite(IOException e) {
    return new MmapCheck.BadInputException("cannot write --output " + output + ": " + MmapCheck.reason(e));
  }
}
