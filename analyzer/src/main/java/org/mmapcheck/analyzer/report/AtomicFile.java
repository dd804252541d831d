package org.mmapcheck.analyzer.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Writes a report where a shell's {@code >} would, but never half of one. A regular file (or a new
 * one) is written beside its destination and renamed into place, so an interrupted run never
 * leaves a truncated file where a good one was; a symbolic link is followed and its target
 * replaced. A character device or FIFO is written in place, the report rendered whole first.
 * Anything else (a directory, a socket, a block device) is refused.
 */
public final class AtomicFile {

  /** Writes the content a writer produces. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A report readable by all, as a plain write would leave it: temporary files are owner-only. */
  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

  /** Temporary files are {@code .NAME.mmapcheck-NUMBER.tmp}, so a later write can find its own. */
  private static final String TEMP_MARK = ".mmapcheck-";

  /** A temporary file this old was left by a killed run: no write takes minutes. */
  static final Duration STALE = Duration.ofMinutes(10);

  /** The file-type bits of a Unix mode, and the two types written in place. */
  private static final int FILE_TYPE = 0170000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int FIFO = 0010000;

  /** As the kernel's own limit on links followed in one lookup. */
  private static final int MAX_LINKS = 40;

  private AtomicFile() {}

  /** Fails, saying why, when a report cannot be written to {@code target}. */
  public static void check(Path target) throws IOException {
    Path real = resolve(target);
    if (inPlace(real, target)) {
      if (!Files.isWritable(real)) throw refused(target, "not writable");
    } else if (!Files.isDirectory(real.getParent())) {
      throw refused(target, "its directory does not exist");
    } else if (!Files.isWritable(real.getParent())) {
      throw refused(target, "its directory is not writable");
    }
  }

  public static void write(Path target, Content content) throws IOException {
    Path real = resolve(target);
    if (inPlace(real, target)) {
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      content.writeTo(whole);
      try (OutputStream out = Files.newOutputStream(real, StandardOpenOption.WRITE)) {
        whole.writeTo(out);
      }
      return;
    }
    Path dir = real.getParent();
    String prefix = "." + real.getFileName() + TEMP_MARK;
    removeStale(dir, prefix);
    Path temp = Files.createTempFile(dir, prefix, ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        content.writeTo(out);
      }
      keepPermissions(temp, real);
      moveIntoPlace(temp, real);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Renames a file written beside its destination over it: atomically, so a reader sees the old
   * file or the new one whole, where the file system can.
   */
  public static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The file a path names, symbolic links followed, the last one even when it dangles. */
  private static Path resolve(Path target) throws IOException {
    Path p = target.toAbsolutePath();
    for (int links = 0; Files.isSymbolicLink(p); links++) {
      if (links == MAX_LINKS) throw refused(target, "too many levels of symbolic links");
      p = p.getParent().resolve(Files.readSymbolicLink(p));
    }
    return p;
  }

  /** True for a character device or FIFO; false for a regular file or none; else refused. */
  private static boolean inPlace(Path real, Path target) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (attributes.isRegularFile()) return false;
    if (attributes.isDirectory()) throw refused(target, "is a directory");
    int type = (Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FILE_TYPE;
    if (type == CHARACTER_DEVICE || type == FIFO) return true;
    throw refused(target, "is not a regular file, character device or FIFO");
  }

  private static FileSystemException refused(Path target, String why) {
    return new FileSystemException(target.toString(), null, why);
  }

  /** Removes the temporary files of this target that a killed run left behind. */
  private static void removeStale(Path dir, String prefix) throws IOException {
    Instant before = Instant.now().minus(STALE);
    try (DirectoryStream<Path> temps =
        Files.newDirectoryStream(
            dir, p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
      for (Path temp : temps) {
        if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before))
          Files.deleteIfExists(temp);
      }
    }
  }

  /** The replaced file's permissions, or rw-r--r-- for a new one, where the file system has them. */
  private static void keepPermissions(Path temp, Path target) throws IOException {
    if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) return;
    Set<PosixFilePermission> permissions =
        Files.exists(target) ? Files.getPosixFilePermissions(target) : READABLE;
    Files.setPosixFilePermissions(temp, permissions);
  }
}
