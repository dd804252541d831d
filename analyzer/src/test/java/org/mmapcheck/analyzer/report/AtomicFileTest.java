package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @TempDir Path dir;

  @Test
  void aWriteThatFailsPartWayLeavesTheOldReportAndNoLitter() throws IOException {
    Path report = dir.resolve("out.sarif");
    Files.writeString(report, "good old report");
    assertThrows(
        IOException.class,
        () ->
            AtomicFile.write(
                report,
                out -> {
                  out.write("half a rep".getBytes(StandardCharsets.UTF_8));
                  throw new IOException("interrupted");
                }));
    assertEquals("good old report", Files.readString(report));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aNewReportIsReadableByAllAndAReplacedOneKeepsItsPermissions() throws IOException {
    Path fresh = dir.resolve("new.sarif");
    AtomicFile.write(fresh, out -> out.write('x'));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

    Path kept = dir.resolve("kept.sarif");
    Files.writeString(kept, "old");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
    AtomicFile.write(kept, out -> out.write('y'));
    assertEquals("y", Files.readString(kept));
    assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
  }
}
