package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
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

  @Test
  void aLaterWriteRemovesTheStaleTemporaryFilesOfAKilledRun() throws IOException {
    Path report = dir.resolve("out.sarif");
    Path stale = Files.writeString(dir.resolve(".out.sarif.mmapcheck-1.tmp"), "killed run");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFile.STALE).minusSeconds(60)));
    Path running = Files.writeString(dir.resolve(".out.sarif.mmapcheck-2.tmp"), "a run writing now");
    Path other = Files.writeString(dir.resolve(".other.sarif.mmapcheck-3.tmp"), "another report's");
    Files.setLastModifiedTime(other, Files.getLastModifiedTime(stale));

    AtomicFile.write(report, out -> out.write('x'));
    assertEquals("x", Files.readString(report));
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(running), "a fresh one may belong to a run still writing");
    assertTrue(Files.exists(other), "another target's are left alone");
  }

  @Test
  void aDirectoryIsRefusedAndNothingIsWritten() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.check(sub));
    assertEquals("is a directory", e.getReason());
    assertThrows(FileSystemException.class, () -> AtomicFile.write(sub, out -> out.write('x')));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(sub), files.toList());
    }
    try (Stream<Path> files = Files.list(sub)) {
      assertEquals(0, files.count());
    }
  }
}
