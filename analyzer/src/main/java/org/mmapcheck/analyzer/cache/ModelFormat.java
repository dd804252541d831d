package org.mmapcheck.analyzer.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Initializer;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.model.Step;
import org.mmapcheck.analyzer.model.StructDef;
import org.mmapcheck.analyzer.model.TypeRef;
import org.mmapcheck.analyzer.model.Variable;

/**
 * A file's model as the cache keeps it: each record a tag and its fields, each string once. An
 * object met again (a guard list every step of a block shares) is written as a reference to it,
 * so the model read back shares what the parse shared. Java serialization did this job at a
 * third of a warm scan's time in a fresh JVM, most of it in reflection.
 */
final class ModelFormat {

  private ModelFormat() {}

  private static final int NULL = 0, REF = 1, LIST = 2, MAP = 3, FILE = 4, FUNCTION = 5, STRUCT = 6, VARIABLE = 7,
      INITIALIZER = 8, FIELD_VALUE = 9, LOCATION = 10, TYPE = 11, GUARD = 12, CALL_STEP = 13, STORE = 14, RETURN = 15,
      CONDITION = 16, USE = 17, NAME = 18, MEMBER = 19, UNARY = 20, BINARY = 21, CALL = 22, CAST = 23, SUBSCRIPT = 24,
      CONDITIONAL = 25, LITERAL = 26, OTHER = 27;

  /** The model's bytes; a part of a shape this format does not know throws. */
  static byte[] write(FileModel model) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      new Writer(out).object(model);
    }
    return bytes.toByteArray();
  }

  /** The model in these bytes; bytes that do not decode whole throw. */
  static FileModel read(ByteBuffer in) throws IOException {
    try {
      if (!(new Reader(in).object() instanceof FileModel model)) throw new IOException("not a file model");
      if (in.hasRemaining()) throw new IOException("bytes after the model");
      return model;
    } catch (BufferUnderflowException | ClassCastException | IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IOException("malformed model: " + e, e);
    }
  }

  private static final class Writer {
    private final DataOutputStream out;
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<Object, Integer> objects = new IdentityHashMap<>();

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void object(Object o) throws IOException {
      if (o == null) {
        out.writeByte(NULL);
        return;
      }
      Integer seen = objects.get(o);
      if (seen != null) {
        out.writeByte(REF);
        out.writeInt(seen);
        return;
      }
      fields(o);
      objects.put(o, objects.size());
    }

    private void fields(Object o) throws IOException {
      if (o instanceof List<?> l) {
        tag(LIST);
        out.writeInt(l.size());
        for (Object e : l) object(e);
      } else if (o instanceof Map<?, ?> m) {
        tag(MAP);
        out.writeInt(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          string((String) e.getKey());
          object(e.getValue());
        }
      } else if (o instanceof FileModel f) {
        tag(FILE);
        string(f.path());
        objects(f.functions(), f.structs(), f.typedefs(), f.globals(), f.objects());
        out.writeInt(f.problems());
      } else if (o instanceof FunctionDef f) {
        tag(FUNCTION);
        string(f.name());
        out.writeBoolean(f.isStatic());
        objects(f.returnType(), f.location(), f.end(), f.params(), f.locals(), f.steps(), f.repeats(), f.labels());
      } else if (o instanceof StructDef s) {
        tag(STRUCT);
        string(s.name());
        objects(s.fields(), s.location());
      } else if (o instanceof Variable v) {
        tag(VARIABLE);
        string(v.name());
        objects(v.type(), v.location());
      } else if (o instanceof Initializer i) {
        tag(INITIALIZER);
        string(i.path());
        object(i.type());
        out.writeBoolean(i.isStatic());
        objects(i.location(), i.fields(), i.parts());
      } else if (o instanceof Initializer.FieldValue v) {
        tag(FIELD_VALUE);
        string(v.field());
        objects(v.value(), v.location());
      } else if (o instanceof Location l) {
        tag(LOCATION);
        string(l.file());
        out.writeInt(l.line());
        out.writeInt(l.column());
        out.writeInt(l.endLine());
        out.writeInt(l.endColumn());
      } else if (o instanceof TypeRef t) {
        tag(TYPE);
        string(t.name());
        out.writeInt(t.pointers());
      } else if (o instanceof Step.Guard g) {
        tag(GUARD);
        object(g.condition());
        out.writeBoolean(g.holds());
      } else if (o instanceof Step s) {
        step(s);
      } else if (o instanceof Expr e) {
        expr(e);
      } else {
        throw new IOException("no format for " + o.getClass().getName());
      }
    }

    private void step(Step s) throws IOException {
      if (s instanceof Step.CallStep c) {
        tag(CALL_STEP);
        object(c.call());
      } else if (s instanceof Step.Store st) {
        tag(STORE);
        object(st.target());
        string(st.op());
        object(st.value());
      } else if (s instanceof Step.Return r) {
        tag(RETURN);
        object(r.value());
      } else if (s instanceof Step.Condition c) {
        tag(CONDITION);
        object(c.condition());
      } else {
        tag(USE);
        object(((Step.Use) s).expression());
      }
      objects(s.location(), s.guards());
    }

    private void expr(Expr e) throws IOException {
      if (e instanceof Expr.Name n) {
        tag(NAME);
        string(n.name());
      } else if (e instanceof Expr.Member m) {
        tag(MEMBER);
        object(m.base());
        string(m.field());
        out.writeBoolean(m.arrow());
      } else if (e instanceof Expr.Unary u) {
        tag(UNARY);
        string(u.op());
        object(u.operand());
      } else if (e instanceof Expr.Binary b) {
        tag(BINARY);
        string(b.op());
        objects(b.left(), b.right());
      } else if (e instanceof Expr.Call c) {
        tag(CALL);
        objects(c.callee(), c.args());
      } else if (e instanceof Expr.Cast c) {
        tag(CAST);
        objects(c.type(), c.operand());
      } else if (e instanceof Expr.Subscript s) {
        tag(SUBSCRIPT);
        objects(s.array(), s.index());
      } else if (e instanceof Expr.Conditional c) {
        tag(CONDITIONAL);
        objects(c.condition(), c.ifTrue(), c.ifFalse());
      } else if (e instanceof Expr.Literal) {
        tag(LITERAL);
      } else {
        tag(OTHER);
      }
      string(e.text());
    }

    private void objects(Object... parts) throws IOException {
      for (Object p : parts) object(p);
    }

    private void tag(int tag) throws IOException {
      out.writeByte(tag);
    }

    /** A string's number if written before, else -1 and its UTF-8 bytes; -2 for null. */
    private void string(String s) throws IOException {
      if (s == null) {
        out.writeInt(-2);
        return;
      }
      Integer seen = strings.get(s);
      if (seen != null) {
        out.writeInt(seen);
        return;
      }
      strings.put(s, strings.size());
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(-1);
      out.writeInt(utf8.length);
      out.write(utf8);
    }
  }

  private static final class Reader {
    private final ByteBuffer in;
    private final List<String> strings = new ArrayList<>();
    private final List<Object> objects = new ArrayList<>();

    Reader(ByteBuffer in) {
      this.in = in;
    }

    Object object() throws IOException {
      int tag = in.get();
      if (tag == NULL) return null;
      if (tag == REF) return objects.get(in.getInt());
      Object o = fields(tag);
      objects.add(o);
      return o;
    }

    @SuppressWarnings("unchecked")
    private <T> T typed() throws IOException {
      return (T) object();
    }

    private Object fields(int tag) throws IOException {
      return switch (tag) {
        case LIST -> {
          int n = EntryFormat.count(in);
          List<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) list.add(object());
          yield list;
        }
        case MAP -> {
          int n = EntryFormat.count(in);
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) map.put(string(), object());
          yield map;
        }
        case FILE -> new FileModel(string(), typed(), typed(), typed(), typed(), typed(), in.getInt());
        case FUNCTION -> new FunctionDef(string(), bool(), typed(), typed(), typed(), typed(), typed(), typed(), typed(), typed());
        case STRUCT -> new StructDef(string(), typed(), typed());
        case VARIABLE -> new Variable(string(), typed(), typed());
        case INITIALIZER -> new Initializer(string(), typed(), bool(), typed(), typed(), typed());
        case FIELD_VALUE -> new Initializer.FieldValue(string(), typed(), typed());
        case LOCATION -> new Location(string(), in.getInt(), in.getInt(), in.getInt(), in.getInt());
        case TYPE -> new TypeRef(string(), in.getInt());
        case GUARD -> new Step.Guard(typed(), bool());
        case CALL_STEP -> new Step.CallStep(typed(), typed(), typed());
        case STORE -> new Step.Store(typed(), string(), typed(), typed(), typed());
        case RETURN -> new Step.Return(typed(), typed(), typed());
        case CONDITION -> new Step.Condition(typed(), typed(), typed());
        case USE -> new Step.Use(typed(), typed(), typed());
        case NAME -> new Expr.Name(string(), string());
        case MEMBER -> new Expr.Member(typed(), string(), bool(), string());
        case UNARY -> new Expr.Unary(string(), typed(), string());
        case BINARY -> new Expr.Binary(string(), typed(), typed(), string());
        case CALL -> new Expr.Call(typed(), typed(), string());
        case CAST -> new Expr.Cast(typed(), typed(), string());
        case SUBSCRIPT -> new Expr.Subscript(typed(), typed(), string());
        case CONDITIONAL -> new Expr.Conditional(typed(), typed(), typed(), string());
        case LITERAL -> new Expr.Literal(string());
        case OTHER -> new Expr.Other(string());
        default -> throw new IOException("bad tag " + tag);
      };
    }

    private boolean bool() {
      return in.get() != 0;
    }


    private String string() throws IOException {
      int n = in.getInt();
      if (n == -2) return null;
      if (n >= 0) return strings.get(n);
      if (n != -1) throw new IOException("bad string " + n);
      int length = EntryFormat.count(in);
      String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
      in.position(in.position() + length);
      strings.add(s);
      return s;
    }
  }
}
