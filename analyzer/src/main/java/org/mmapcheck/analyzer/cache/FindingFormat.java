package org.mmapcheck.analyzer.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Location;

/** A scan's findings as the cache keeps them, field by field. */
final class FindingFormat {

  private FindingFormat() {}

  static byte[] write(List<Finding> findings) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(findings.size());
      for (Finding f : findings) {
        string(f.ruleId(), out);
        out.writeByte(f.severity().ordinal());
        string(f.message(), out);
        location(f.location(), out);
        string(f.function(), out);
        related(f.related(), out);
        out.writeInt(f.flows().size());
        for (List<Finding.Related> flow : f.flows()) related(flow, out);
      }
    }
    return bytes.toByteArray();
  }

  /** The findings in these bytes; bytes that do not decode whole throw. */
  static List<Finding> read(ByteBuffer in) throws IOException {
    try {
      int n = EntryFormat.count(in);
      List<Finding> findings = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String rule = string(in);
        Severity severity = Severity.values()[in.get()];
        String message = string(in);
        Location location = location(in);
        String function = string(in);
        List<Finding.Related> related = related(in);
        int flowCount = EntryFormat.count(in);
        List<List<Finding.Related>> flows = new ArrayList<>(flowCount);
        for (int j = 0; j < flowCount; j++) flows.add(related(in));
        findings.add(new Finding(rule, severity, message, location, function, related, flows));
      }
      if (in.hasRemaining()) throw new IOException("bytes after the findings");
      return findings;
    } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IOException("malformed findings: " + e, e);
    }
  }

  private static void related(List<Finding.Related> related, DataOutputStream out) throws IOException {
    out.writeInt(related.size());
    for (Finding.Related r : related) {
      location(r.location(), out);
      string(r.message(), out);
    }
  }

  private static List<Finding.Related> related(ByteBuffer in) throws IOException {
    int n = EntryFormat.count(in);
    List<Finding.Related> related = new ArrayList<>(n);
    for (int i = 0; i < n; i++) related.add(new Finding.Related(location(in), string(in)));
    return related;
  }

  private static void location(Location l, DataOutputStream out) throws IOException {
    string(l.file(), out);
    out.writeInt(l.line());
    out.writeInt(l.column());
    out.writeInt(l.endLine());
    out.writeInt(l.endColumn());
  }

  private static Location location(ByteBuffer in) throws IOException {
    return new Location(string(in), in.getInt(), in.getInt(), in.getInt(), in.getInt());
  }

  /** Its UTF-8 bytes after their count; -1 for null. */
  private static void string(String s, DataOutputStream out) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String string(ByteBuffer in) throws IOException {
    if (in.getInt(in.position()) == -1) {
      in.getInt();
      return null;
    }
    int length = EntryFormat.count(in);
    String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }
}
