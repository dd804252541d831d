package org.mmapcheck.analyzer.frontend;

import java.nio.CharBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
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

  private static final int OPTIONS =
      ILanguage.OPTION_NO_IMAGE_LOCATIONS | ILanguage.OPTION_IS_SOURCE_UNIT | ILanguage.OPTION_PARSE_INACTIVE_CODE;

  /** Kernel options a file tests; each is taken as enabled, the branch with the real code. */
  private static final Pattern CONFIG = Pattern.compile("\\bCONFIG_[A-Za-z0-9_]+");

  /** Iterator macros used as loop heads (for_each_engine(e, gt, id) { ... }), driver-specific or not. */
  private static final Pattern ITERATOR = Pattern.compile("\\b(\\w*for_each\\w*)\\s*\\(");

  private final Map<String, String> macros;
  private final Set<String> macroNames = new HashSet<>();
  private final long budgetMillis;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "mmapcheck-parse-watchdog");
            t.setDaemon(true);
            return t;
          });

  public CFileParser(Map<String, String> macros, long budgetMillis) {
    this.macros = macros;
    for (String key : macros.keySet()) macroNames.add(key.contains("(") ? key.substring(0, key.indexOf('(')) : key);
    this.budgetMillis = budgetMillis;
  }

  /** Thrown when a file cannot be reduced to a model; the message says why, for a notification. */
  public static final class ParseFailure extends Exception {
    public ParseFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public FileModel parse(String path, char[] text) throws ParseFailure {
    CancelableLog log = new CancelableLog();
    ScheduledFuture<?> timer =
        watchdog.schedule(() -> log.setCanceled(true), budgetMillis, TimeUnit.MILLISECONDS);
    try {
      IASTTranslationUnit unit =
          GCCLanguage.getDefault()
              .getASTTranslationUnit(
                  FileContent.create(path, text), scannerInfo(text), new NoIncludes(), null, OPTIONS, log);
      if (log.isCanceled()) throw new ParseFailure("parse exceeded " + budgetMillis + " ms", null);
      return new ModelExtractor(path, text).extract(unit);
    } catch (ParseFailure e) {
      throw e;
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
   * The kernel macro stubs, plus every CONFIG_ option the file names, defined as 1, and every
   * for_each iterator it uses that no stub covers, as a loop that still evaluates its arguments.
   * A definition in the file itself still wins.
   */
  private ScannerInfo scannerInfo(char[] text) {
    Map<String, String> defined = new HashMap<>(macros);
    Matcher m = CONFIG.matcher(CharBuffer.wrap(text));
    while (m.find()) defined.putIfAbsent(m.group(), "1");
    Matcher loop = ITERATOR.matcher(CharBuffer.wrap(text));
    while (loop.find()) {
      String name = loop.group(1);
      if (!macroNames.contains(name)) defined.put(name + "(...)", "for ((void)(__VA_ARGS__);;)");
    }
    return new ScannerInfo(defined, new String[0]);
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
