package org.mmapcheck.analyzer.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.eclipse.jgit.lib.AnyObjectId;

/**
 * Names the C sources directly in one directory by their names and blob ids, in the order a git
 * walk lists them: the same files with the same content, in a commit or in a clean work tree,
 * give the same name. Other files in the directory do not count.
 */
final class DirectoryId {

  private final MessageDigest sha;
  private final byte[] raw = new byte[20];

  DirectoryId() {
    try {
      sha = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void add(String name, AnyObjectId blob) {
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    blob.copyRawTo(raw, 0);
    sha.update(raw);
  }

  String name() {
    return HexFormat.of().formatHex(sha.digest());
  }
}
