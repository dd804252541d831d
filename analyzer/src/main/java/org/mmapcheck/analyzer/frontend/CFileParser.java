package org.mmapcheck.analyzer.frontend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IScope;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.dom.parser.IBuiltinBindingsProvider;
import org.eclipse.cdt.core.dom.parser.c.GCCParserExtensionConfiguration;
import org.eclipse.cdt.core.dom.parser.c.ICParserExtensionConfiguration;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IParserLogService;
import org.eclipse.cdt.core.parser.ScannerInfo;
import org.eclipse.cdt.internal.core.util.ICancelable;
import org.eclipse.cdt.internal.core.util.ICanceler;
import org.mmapcheck.analyzer.model.FileModel;

/**
 * Parses one file of kernel C with CDT's GNU C parser, in isolation and within a time budget, and
 * reduces it to a {@link FileModel}. Every kernel option is taken as enabled; declarations in the
 * branches that leaves out are still read. Thread-safe: one instance serves all worker threads.
 */
public final class CFileParser implements AutoCloseable {

  /** No builtin bindings: see {@link #LANGUAGE}. */
  private static final IBuiltinBindingsProvider NO_BUILTINS =
      new IBuiltinBindingsProvider() {
        @Override
        public IBinding[] getBuiltinBindings(IScope scope) {
          return new IBinding[0];
        }

        @Override
        public boolean isKnownBuiltin(char[] name) {
          return false;
        }
      };

  /** GCC's extensions of C, with {@link #NO_BUILTINS}. */
  private static final ICParserExtensionConfiguration GNU_C =
      new GCCParserExtensionConfiguration() {
        @Override
        public IBuiltinBindingsProvider getBuiltinBindingsProvider() {
          return NO_BUILTINS;
        }
      };

  /**
   * GNU C without the bindings of GCC's builtin functions, which CDT makes anew, some 300 of
   * them, for every file it parses: the model reads names, never bindings.
   */
  private static final GCCLanguage LANGUAGE =
      new GCCLanguage() {
        @Override
        protected ICParserExtensionConfiguration getParserExtensionConfiguration() {
          return GNU_C;
        }
      };

  private static final int OPTIONS =
      ILanguage.OPTION_NO_IMAGE_LOCATIONS | ILanguage.OPTION_IS_SOURCE_UNIT | ILanguage.OPTION_PARSE_INACTIVE_CODE;

  /**
   * Files whose macros would expand to more tokens than this are not parsed: CDT expands a macro
   * call whole, past its cancel flag, and holds every token (about 100 bytes each).
   */
  static final long MAX_EXPANDED_TOKENS = 2_000_000;

  /**
   * Parentheses nested deeper than this after expansion are not handed to CDT: its expander's
   * time grows much faster than the output there ({@code F(F(x))} chains over a name that is no
   * macro: 6,000 tokens took 1.8 s, 98,000 over 100 s), and its parser runs out of stack anyway.
   */
  static final long MAX_NESTED_PARENTHESES = 2_000;

  /** A stub's key and body as CDT takes them, and the other stubs its body names. */
  private record Stub(String key, String body, List<String> uses) {}

  private final Map<String, Stub> stubs = new ConcurrentHashMap<>();
  /**
   * A bit for each stub name's hash ({@link String#hashCode}, folded to 16 bits): a name whose
   * bit is clear is no stub's, and the pass over a file makes no string of it.
   */
  private final long[] stubHashes = new long[1 << 10];
  private final long budgetMillis;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "mmapcheck-parse-watchdog");
            t.setDaemon(true);
            return t;
          });

  public CFileParser(Map<String, String> macros, long budgetMillis) {
    define(macros);
    this.budgetMillis = budgetMillis;
  }

  /**
   * Adds macros of the tree's own headers (see {@link TableMacros}); a stub of the same name
   * stays. Call only between parses: a file parsed before sees none of them.
   */
  public void define(Map<String, String> macros) {
    Map<String, String> names = new HashMap<>();
    macros.keySet().forEach(key -> names.put(key.contains("(") ? key.substring(0, key.indexOf('(')) : key, key));
    names.keySet().removeAll(stubs.keySet());
    RecentNames recent = new RecentNames();
    names.forEach(
        (name, key) -> {
          String body = macros.get(key);
          List<String> uses = new ArrayList<>();
          char[] text = body.toCharArray();
          identifiers(text, (start, end, hash) -> {
            String word = recent.of(text, start, end);
            if ((names.containsKey(word) || stubs.containsKey(word)) && !word.equals(name)) uses.add(word);
          });
          stubs.put(name, new Stub(key, body, uses));
          int bit = fold(name.hashCode());
          stubHashes[bit >>> 6] |= 1L << bit;
        });
  }

  /** Thrown when a file cannot be reduced to a model; the message says why, for a notification. */
  public static final class ParseFailure extends Exception {
    public ParseFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public FileModel parse(String path, char[] text) throws ParseFailure {
    // A byte-order mark is no C: left in, it hides a #define on the first line.
    if (text.length > 0 && text[0] == '\uFEFF') text = Arrays.copyOfRange(text, 1, text.length);
    ScannerInfo info = scannerInfo(text);
    ExpansionEstimate.Estimate estimate = ExpansionEstimate.of(text, info.getDefinedSymbols());
    long expanded = estimate.tokens();
    if (expanded > MAX_EXPANDED_TOKENS)
      throw new ParseFailure(
          "macros expand to "
              + (expanded >= ExpansionEstimate.HUGE ? "more tokens than can be counted" : "about " + expanded + " tokens")
              + ", over the limit of " + MAX_EXPANDED_TOKENS,
          null);
    if (estimate.nesting() > MAX_NESTED_PARENTHESES)
      throw new ParseFailure(
          "macros nest parentheses "
              + (estimate.nesting() >= ExpansionEstimate.HUGE ? "deeper than can be counted" : "about " + estimate.nesting() + " deep")
              + ", over the limit of " + MAX_NESTED_PARENTHESES,
          null);
    CancelableLog log = new CancelableLog();
    // A budget already spent cancels here, not whenever the watchdog's thread next runs.
    if (budgetMillis <= 0) log.setCanceled(true);
    ScheduledFuture<?> timer =
        watchdog.schedule(() -> log.setCanceled(true), budgetMillis, TimeUnit.MILLISECONDS);
    try {
      IASTTranslationUnit unit =
          LANGUAGE.getASTTranslationUnit(FileContent.create(path, text), info, new NoIncludes(), null, OPTIONS, log);
      if (log.isCanceled()) throw new ParseFailure("parse exceeded " + budgetMillis + " ms", null);
      return new ModelExtractor(path, text).extract(unit);
    } catch (ParseFailure e) {
      throw e;
    } catch (ModelExtractor.TooDeep e) {
      throw new ParseFailure(e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new ParseFailure("parser ran out of stack", e);
    } catch (Exception | Error e) {
      // CDT reports cancellation as ParseError, an Error; anything else is a parser defect.
      if (log.isCanceled()) throw new ParseFailure("parse exceeded " + budgetMillis + " ms", e);
      throw new ParseFailure("parser failed: " + e, e);
    } finally {
      timer.cancel(false);
    }
  }

  /**
   * The kernel macro stubs the file names (with those their bodies name), every CONFIG_ option
   * it names, defined as 1 (the branch with the real code), and every for_each iterator it uses
   * as a loop head that no stub covers ({@code for_each_engine(e, gt, id) { ... }}), as a loop
   * that still evaluates its arguments. A stub the file never names cannot expand in it, and
   * each one defined costs the preprocessor time, so the rest are left out. A definition in the
   * file itself still wins. Comments and strings count as naming; that only defines a little more.
   */
  private ScannerInfo scannerInfo(char[] text) {
    Map<String, String> defined = new HashMap<>();
    Deque<String> named = new ArrayDeque<>();
    RecentNames names = new RecentNames();
    identifiers(text, (start, end, hash) -> {
      // No string is made of a name that is none of these: most of a file's.
      int bit = fold(hash);
      if ((stubHashes[bit >>> 6] & 1L << bit) != 0) {
        String word = names.of(text, start, end);
        if (stubs.containsKey(word)) {
          named.add(word);
          return;
        }
      }
      if (end - start <= "CONFIG_".length()) return;
      if (starts(text, start, "CONFIG_")) defined.put(names.of(text, start, end), "1");
      else if (contains(text, start, end, "for_each") && opensParenthesis(text, end))
        defined.put(names.of(text, start, end) + "(...)", "for ((void)(__VA_ARGS__);;)");
    });
    Set<String> done = new HashSet<>();
    while (!named.isEmpty()) {
      Stub stub = stubs.get(named.pop());
      if (!done.add(stub.key())) continue;
      defined.put(stub.key(), stub.body());
      named.addAll(stub.uses());
    }
    return new ScannerInfo(defined, new String[0]);
  }

  /** Whether a '(' follows position i, past white space. */
  private static boolean opensParenthesis(char[] text, int i) {
    while (i < text.length && Character.isWhitespace(text[i])) i++;
    return i < text.length && text[i] == '(';
  }

  /** An identifier of a text: where it starts and ends, and its string's {@link String#hashCode}. */
  private interface IdentifierVisitor {
    void visit(int start, int end, int hash);
  }

  /** Hands each identifier in the text to the visitor; no string is made of it here. */
  private static void identifiers(char[] text, IdentifierVisitor visitor) {
    for (int i = 0; i < text.length; ) {
      int start = i;
      int hash = 0;
      while (i < text.length && CChars.isNamePart(text[i])) hash = 31 * hash + text[i++];
      if (i == start) i++;
      else if (CChars.isNameStart(text[start])) visitor.visit(start, i, hash);
    }
  }

  /** A hash folded to the index of its bit in {@link #stubHashes}. */
  private static int fold(int hash) {
    return (hash ^ hash >>> 16) & 0xffff;
  }

  private static boolean starts(char[] text, int at, String prefix) {
    for (int k = 0; k < prefix.length(); k++) if (text[at + k] != prefix.charAt(k)) return false;
    return true;
  }

  private static boolean contains(char[] text, int start, int end, String part) {
    for (int at = start; at + part.length() <= end; at++) if (starts(text, at, part)) return true;
    return false;
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }

  /** CDT cancels a running parse through an {@link ICanceler} found on its log service. */
  private static final class CancelableLog implements IParserLogService, ICanceler {
    private volatile ICancelable cancelable;
    private volatile boolean canceled;

    @Override
    public void traceLog(String message) {}

    @Override
    public boolean isTracing() {
      return false;
    }

    @Override
    public void setCancelable(ICancelable cancelable) {
      this.cancelable = cancelable;
      if (canceled) cancelable.cancel();
    }

    @Override
    public void setCanceled(boolean value) {
      canceled = value;
      ICancelable c = cancelable;
      if (value && c != null) c.cancel();
    }

    @Override
    public boolean isCanceled() {
      return canceled;
    }
  }
}
