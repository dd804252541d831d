package org.mmapcheck.analyzer.cache;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mmapcheck.analyzer.engine.TextFacts;
import org.mmapcheck.analyzer.frontend.TableMacros;

/**
 * The fields of the cache's entries: written with a {@link DataOutputStream}, read back straight
 * from the array. A tree's entries hold millions of fields, and a stream (a synchronized call per
 * byte of each int) made decoding them the largest part of a warm diff's Java samples.
 */
final class EntryFormat {

  private EntryFormat() {}

  static void write(TextFacts f, DataOutputStream out) throws IOException {
    out.writeInt(f.length());
    out.writeBoolean(f.binary());
    out.writeInt(f.triggers());
    out.writeInt(f.definitions() == null ? -1 : f.definitions().length);
    if (f.definitions() != null) for (long d : f.definitions()) out.writeLong(d);
    out.writeInt(f.macros() == null ? -1 : f.macros().size());
    if (f.macros() != null)
      for (TableMacros.Definition m : f.macros()) {
        out.writeUTF(m.name());
        out.writeUTF(m.key());
        out.writeUTF(m.body());
        out.writeUTF(m.calls());
      }
  }

  /** A count of what follows (never less than 0), which cannot be more than the bytes left. */
  static int count(ByteBuffer in) throws IOException {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) throw new IOException("bad count " + n);
    return n;
  }

  /** An entry's bytes, read field by field; a short or malformed one throws. */
  record Fields(ByteBuffer buffer) {

    Fields(byte[] data) {
      this(ByteBuffer.wrap(data));
    }

    int count() throws IOException {
      int n = buffer.getInt();
      if (n < -1 || n > buffer.remaining()) throw new IOException("bad count " + n);
      return n;
    }

    TextFacts facts() throws IOException {
      int length = buffer.getInt();
      boolean binary = buffer.get() != 0;
      int triggers = buffer.getInt();
      int count = count();
      long[] definitions = null;
      if (count >= 0) {
        definitions = new long[count];
        buffer.asLongBuffer().get(definitions);
        buffer.position(buffer.position() + 8 * count);
      }
      int macroCount = count();
      List<TableMacros.Definition> macros = null;
      if (macroCount >= 0) {
        TableMacros.Definition[] read = new TableMacros.Definition[macroCount];
        for (int m = 0; m < macroCount; m++) read[m] = new TableMacros.Definition(utf(), utf(), utf(), utf());
        macros = List.of(read);
      }
      return new TextFacts(length, binary, triggers, definitions, macros);
    }

    /** A {@link DataOutputStream#writeUTF} string: plain ASCII at once, anything else as Java decodes it. */
    String utf() throws IOException {
      int length = Short.toUnsignedInt(buffer.getShort());
      int start = buffer.position();
      byte[] data = buffer.array();
      buffer.position(start + length);
      boolean ascii = true;
      for (int i = start; i < start + length && ascii; i++) ascii = data[i] > 0;
      if (ascii) return new String(data, start, length, StandardCharsets.ISO_8859_1);
      return new DataInputStream(new ByteArrayInputStream(data, start - 2, length + 2)).readUTF();
    }
  }
}
