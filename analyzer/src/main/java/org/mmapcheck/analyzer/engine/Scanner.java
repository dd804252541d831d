package org.mmapcheck.analyzer.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.mmapcheck.analyzer.frontend.CFileParser;
import org.mmapcheck.analyzer.frontend.KernelMacros;
import org.mmapcheck.analyzer.frontend.TableMacros;
import org.mmapcheck.analyzer.frontend.TextScan;
import org.mmapcheck.analyzer.model.Callbacks;
import org.mmapcheck.analyzer.model.Demand;
import org.mmapcheck.analyzer.model.Exports;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * Runs a scan: a text pass over every C file finds the files worth parsing and indexes where
 * functions are defined; those files are parsed once; the names the model still lacks are looked
 * up in the index and their files parsed too, until nothing more is found; then every rule runs over the
 * one program model.
 */
public final class Scanner {

  /**
   * Files that mention this are parsed first: every exporter's table, and every wrapper struct
   * that embeds one, names the type. All else is parsed on demand.
   */
  static final String SEED = "dma_buf_ops";

  /**
   * Types whose every table is loaded when an mmap path calls or installs one of their fields
   * ({@code obj->funcs->mmap(...)}, or 6.1's {@code dev->driver->gem_prime_mmap(...)}): the files
   * that mention them are parsed then.
   */
  static final List<String> ON_DEMAND_TABLES = List.of("drm_gem_object_funcs", "drm_driver");

  /**
   * Where calls are not followed: the core kernel and its generic headers, whose functions the
   * rules know by name, and code built apart from the kernel that copies kernel names: userspace
   * tools, sample modules, the EFI stub. (A host program elsewhere is told by its main().)
   */
  private static final List<String> NOT_FOLLOWED =
      List.of(
          "Documentation/", "arch/", "block/", "crypto/", "drivers/firmware/efi/libstub/", "fs/",
          "include/asm-generic/", "include/linux/", "include/trace/", "include/uapi/", "init/", "io_uring/",
          "ipc/", "kernel/", "lib/", "mm/", "net/", "samples/", "scripts/", "security/", "tools/", "usr/");

  /**
   * The callbacks every scan reads, whatever the rules: each exporter's mmap (its mmap path) and
   * cpu-access hooks (the inventory).
   */
  static final List<Callbacks> ENGINE_READS =
      List.of(
          new Callbacks(SEED, "mmap"), new Callbacks(SEED, "begin_cpu_access"), new Callbacks(SEED, "end_cpu_access"));

  /** The text of calls through the callbacks whose dispatchers are loaded ({@link Demand.Dispatchers}). */
  private static final List<String> DISPATCH_WORDS =
      Exports.CALLBACKS.stream().map(c -> new Demand.Dispatchers(c).word()).toList();

  /** The index's mentions of any word rules read in a driver ({@link Rule#readsInDriver}): they share a trigger bit. */
  private static final String DRIVER_WORDS = "words read in a driver";

  private static final int LARGE_HEADER = 512 * 1024;

  private final ScanOptions options;
  private final ScanListener listener;

  private final ToLongFunction<Demand> definitionHash;
  private final ScanCache cache;

  /** For tests: each round of the loader first waits until every file was parsed ahead. */
  boolean awaitAhead;

  private Runnable meanwhile;

  public Scanner(ScanOptions options, ScanListener listener) {
    this(options, listener, ScanCache.NONE);
  }

  /** With a cache of what files' contents gave earlier scans: this one reads only what it lacks. */
  public Scanner(ScanOptions options, ScanListener listener, ScanCache cache) {
    this(options, listener, DefinitionIndex.FNV, cache);
  }

  /** With another hash for the definitions index: a seam for tests that force collisions. */
  Scanner(ScanOptions options, ScanListener listener, ToLongFunction<Demand> definitionHash) {
    this(options, listener, definitionHash, ScanCache.NONE);
  }

  private Scanner(ScanOptions options, ScanListener listener, ToLongFunction<Demand> definitionHash, ScanCache cache) {
    this.options = options;
    this.listener = listener;
    this.definitionHash = definitionHash;
    this.cache = cache;
  }

  /**
   * Has the thread that parses ahead ({@link #prefetch}) run the work once it is out of files,
   * while the loader leaves a core waiting: work the caller needs after the scan, such as a
   * report format's first use. Not run at all in a scan that parses nothing ahead.
   */
  public Scanner meanwhile(Runnable work) {
    meanwhile = work;
    return this;
  }

  public ScanResult scan(SourceTree tree, List<String> prefixes, List<RuleDescriptor> rules)
      throws IOException {
    ConcurrentLinkedQueue<Notification> notes = new ConcurrentLinkedQueue<>();
    long t0 = System.nanoTime();
    TextIndex index;
    ProgramModel model;
    long t1;
    Parsing parsing;
    try (CFileParser parser = new CFileParser(KernelMacros.load(), options.parseBudgetMillis())) {
      List<String> driverWords = driverWords(rules);
      index = readTree(tree, prefixes, driverWords, notes);
      if (options.jobs() > 1) index.definitions().buildMeanwhile();
      TableMacros macros = TableMacros.of(index.tableMacros());
      // Some 90,000 candidates on a kernel tree, not asked again: kept, every young collection of
      // the scan would copy them.
      index.tableMacros().clear();
      String stubs = defineTableMacros(parser, macros);
      List<String> seeded = sorted(index.mentions().get(SEED));
      try (Prefetch ahead = prefetch(tree, index, parser, stubs)) {
        parsing = new Parsing(parser, stubs, new ConcurrentHashMap<>(), notes, new AtomicInteger(), ahead);
        listener.phase("parsing", seeded.size());
        loadAll(tree, seeded, parsing);
        t1 = System.nanoTime();
        model = follow(tree, index, macros, parsing, reads(rules));
      }
    }
    long t2 = System.nanoTime();
    List<MmapPath> paths = mmapPaths(model, notes);
    List<Finding> findings = check(model, paths, rules, notes);
    Suppressions suppressions = Suppressions.read(tree, findings, rules, notes);
    for (RuleDescriptor rule : rules)
      if (rule.rule() instanceof SuppressionRule r)
        findings.addAll(run(rule, paths, notes, context -> r.check(suppressions.all(), context)));
    Suppressions.Split split = suppressions.split(merge(findings), model);
    long t3 = System.nanoTime();
    listener.done();

    Collection<FileModel> parsed = parsing.parsed().values();
    int problems = parsed.stream().mapToInt(FileModel::problems).sum();
    int functions = parsed.stream().mapToInt(f -> f.functions().size()).sum();
    ScanStats stats =
        new ScanStats(
            index.files().get(),
            index.bytes().get(),
            parsed.size(),
            parsing.failures().get(),
            problems,
            functions,
            millis(t0, t1),
            millis(t1, t2),
            millis(t2, t3));
    List<Notification> sortedNotes = new ArrayList<>(notes);
    sortedNotes.sort(
        Comparator.comparing((Notification n) -> n.file() == null ? "" : n.file())
            .thenComparing(Notification::message));
    return new ScanResult(
        tree.description(), options, rules, model, paths, split.active(), sortedNotes, stats, split.suppressed());
  }

  /** What the text pass learnt: which files name which trigger word, and what each defines. */
  private record TextIndex(
      Map<String, Set<String>> mentions,
      DefinitionIndex definitions,
      Map<String, List<TableMacros.Definition>> tableMacros,
      AtomicInteger files,
      AtomicLong bytes) {}

  /**
   * Parsing under way: the parser, the table macros it was given (their stubs, which a cached
   * parse must have been made with), what it produced, what it could not do, and what parses
   * ahead of it (null for nothing).
   */
  private record Parsing(
      CFileParser parser,
      String macros,
      Map<String, FileModel> parsed,
      Collection<Notification> notes,
      AtomicInteger failures,
      Prefetch ahead) {}

  /**
   * Pass 1: list the tree and read every C file once, as bytes, in one parallel go (or take what
   * the cache kept of it). The files that name the seed are parsed after it, once every header's
   * table macros are known, so each is parsed once and its fields do not depend on the order files
   * were read in.
   */
  private TextIndex readTree(SourceTree tree, List<String> prefixes, List<String> driverWords, Collection<Notification> notes)
      throws IOException {
    TextIndex index =
        new TextIndex(
            new ConcurrentHashMap<>(), new DefinitionIndex(definitionHash), new ConcurrentHashMap<>(), new AtomicInteger(),
            new AtomicLong());
    TextPass pass = new TextPass(tree, index, driverWords, notes);
    listener.phase("reading", -1);
    inPool(
        () -> {
          if (!cache.textPass(tree, prefixes, pass.key, pass)) tree.walk(prefixes, pass::visit, pass::problem);
          cache.flush();
          return null;
        });
    return index;
  }

  /** The text pass's work on each file: its facts, from its bytes or the cache, into the index. */
  private final class TextPass implements ScanCache.TextPass {
    private final SourceTree tree;
    private final TextIndex index;
    private final Collection<Notification> notes;
    /** The groups of trigger words, a bit each: the seed, each on-demand type, each dispatch, and the drivers' words. */
    private final List<List<String>> groups = new ArrayList<>();
    /** Each group's key in the index's mentions: its word, or {@link #DRIVER_WORDS}. */
    private final List<String> mentionKeys = new ArrayList<>();
    /** The groups, as the cache keys the facts by: their bits stand for them. */
    private final String key;
    private final TextScan textScan;

    TextPass(SourceTree tree, TextIndex index, List<String> driverWords, Collection<Notification> notes) {
      this.tree = tree;
      this.index = index;
      this.notes = notes;
      for (String word : Stream.of(List.of(SEED), ON_DEMAND_TABLES, DISPATCH_WORDS).flatMap(List::stream).toList()) {
        groups.add(List.of(word));
        mentionKeys.add(word);
      }
      groups.add(driverWords);
      mentionKeys.add(DRIVER_WORDS);
      key = groups.toString();
      textScan = new TextScan(groups);
      for (String k : mentionKeys) index.mentions().put(k, ConcurrentHashMap.newKeySet());
    }

    /** A file of a walk that does not go through the cache's subtrees: its facts as the cache kept them, else read. */
    void visit(String path) {
      TextFacts facts = cache.text(tree, path, key);
      if (facts != null && lacksIndexFacts(path, facts)) facts = null;
      TextFacts indexed = index(path, facts);
      if (facts == null && indexed != null) cache.keepText(tree, path, key, indexed);
    }

    @Override
    public TextFacts read(String path) {
      return index(path, null);
    }

    @Override
    public void kept(String path, TextFacts facts) {
      index(path, facts);
    }

    @Override
    public void plain(int files, long bytes) {
      index.files().addAndGet(files);
      index.bytes().addAndGet(bytes);
      for (int i = 0; i < files; i++) listener.step();
    }

    @Override
    public void problem(String path, String why) {
      notes.add(new Notification(Severity.WARNING, path, why, null));
    }

    /** Indexes the facts given, else those of the file's bytes; null when it cannot be read. */
    private TextFacts index(String path, TextFacts kept) {
      index.files().incrementAndGet();
      try {
        TextFacts facts = kept;
        if (facts == null) facts = textFacts(path, tree.read(path));
        index.bytes().addAndGet(facts.length());
        if (facts.binary()) {
          notes.add(new Notification(Severity.NOTE, path, "binary content; not a C source file, skipped", null));
          return facts;
        }
        for (int g = 0; g < groups.size(); g++)
          if ((facts.triggers() & (1 << g)) != 0) index.mentions().get(mentionKeys.get(g)).add(path);
        long[] names = facts.definitions();
        if (names != null && wantsDefinitions(path, facts.length()) && names.length > 0)
          index.definitions().add(path, names);
        if (facts.macros() != null && wantsMacros(path, facts.length()) && !facts.macros().isEmpty())
          index.tableMacros().put(path, facts.macros());
        return facts;
      } catch (IOException e) {
        notes.add(new Notification(Severity.WARNING, path, "cannot read: " + e, null));
        return null;
      } finally {
        listener.step();
      }
    }

    /**
     * What the text pass learns from the bytes; definitions and table macros only where the index
     * wants them, and no definitions for a host program (one with a main()), built apart from the kernel.
     */
    private TextFacts textFacts(String path, ByteBuffer content) {
      byte[] data = content.array();
      int length = content.limit();
      if (TextScan.isBinary(data, length)) return new TextFacts(length, true, 0, null, null);
      long[] definitions = null;
      if (wantsDefinitions(path, length)) definitions = index.definitions().hashes(data, length);
      List<TableMacros.Definition> macros = wantsMacros(path, length) ? TableMacros.candidates(data, length) : null;
      return new TextFacts(length, false, textScan.triggers(data, length), definitions, macros);
    }
  }

  /** Facts kept for the content elsewhere in a tree, where the index did not want its definitions or macros. */
  private static boolean lacksIndexFacts(String path, TextFacts facts) {
    if (facts.binary()) return false;
    return facts.definitions() == null && wantsDefinitions(path, facts.length())
        || facts.macros() == null && wantsMacros(path, facts.length());
  }

  private static boolean wantsMacros(String path, int length) {
    return path.endsWith(".h") && wantsDefinitions(path, length);
  }

  /**
   * Gives the parser the macros of the tree's headers that fill in ops tables; their stubs, as
   * text, which a cached parse must have been made with (empty for none).
   */
  private static String defineTableMacros(CFileParser parser, TableMacros macros) {
    Map<String, String> stubs = macros.asStubs();
    if (stubs.isEmpty()) return "";
    parser.define(stubs);
    return stubs.toString();
  }

  /** Headers this large are generated register maps: #defines, no functions. */
  private static boolean wantsDefinitions(String path, int length) {
    return isFollowed(path) && !(path.endsWith(".h") && length > LARGE_HEADER);
  }

  /** The words of what rules read anywhere in a driver ({@link Rule#readsInDriver}), sorted. */
  private List<String> driverWords(List<RuleDescriptor> rules) {
    Set<String> words = new TreeSet<>();
    for (RuleDescriptor rule : rules) words.addAll(rule.rule().readsInDriver(options.api()));
    return List.copyOf(words);
  }

  /** What the scan reads: the engine's callbacks and every rule's. */
  private static Set<Callbacks> reads(List<RuleDescriptor> rules) {
    Set<Callbacks> reads = new LinkedHashSet<>(ENGINE_READS);
    for (RuleDescriptor rule : rules) reads.addAll(rule.rule().reads());
    return reads;
  }

  /**
   * Pass 2: parse the files that define what the model still lacks to follow what the scan reads,
   * round after round until none is left. The model bounds what it asks for by call depth, so
   * this ends; a round limit would make findings depend on how many files a chain crosses.
   */
  private ProgramModel follow(SourceTree tree, TextIndex index, TableMacros macros, Parsing parsing, Set<Callbacks> reads)
      throws IOException {
    Set<String> attempted = new HashSet<>(index.mentions().get(SEED));
    Set<Demand.Tables> unloadable = new HashSet<>();
    TableFiles tableFiles = new TableFiles(tree, macros);
    while (true) {
      if (parsing.ahead() != null) {
        parsing.ahead().open(true);
        if (awaitAhead) parsing.ahead().awaitAll();
      }
      ProgramModel model = new ProgramModel(parsing.parsed().values());
      Set<Demand> defined = new HashSet<>();
      Set<String> batch = new HashSet<>();
      for (Demand need : model.missing(options.callDepth(), reads)) {
        if (need instanceof Demand.Driver driver) {
          for (String file : index.mentions().get(DRIVER_WORDS))
            if (!attempted.contains(file) && isFollowed(file) && ProgramModel.directory(file).equals(driver.directory()))
              batch.add(file);
          continue;
        }
        if (need instanceof Demand.Dispatchers dispatchers) {
          for (String file : index.mentions().get(dispatchers.word()))
            if (!attempted.contains(file) && isFollowed(file)) batch.add(file);
          continue;
        }
        if (!(need instanceof Demand.Tables tables)) {
          defined.add(need);
          continue;
        }
        Set<String> files = index.mentions().get(tables.type());
        if (files == null && Demand.Tables.followed(tables.type())) // found by the objects the definitions index has of its type
          files = index.definitions().filesDefining(Set.of(new Demand.Objects(tables.type())));
        if (files == null) {
          if (unloadable.add(tables)) parsing.notes().add(notLoaded(tables));
          continue;
        }
        for (String file : files)
          if (!attempted.contains(file) && isFollowed(file) && tableFiles.setsField(file, tables.field()))
            batch.add(file);
      }
      for (String file : index.definitions().filesDefining(defined)) if (!attempted.contains(file)) batch.add(file);
      if (parsing.ahead() != null) parsing.ahead().open(false);
      if (batch.isEmpty()) return model;
      attempted.addAll(batch);
      listener.phase("following calls", batch.size());
      loadAll(tree, sorted(batch), parsing);
    }
  }

  /**
   * What parses ahead ({@link Prefetch}): the followed files that define a table of a type of
   * {@link #ON_DEMAND_TABLES}, which the rounds of a scan of a tree with DRM drivers load (on
   * Debian's 6.12, 39 to 88 of them parsed ahead, all but one or two then asked for). None with
   * a cache, whose kept parses cost less than a parse ahead, nor on one thread.
   */
  private Prefetch prefetch(SourceTree tree, TextIndex index, CFileParser parser, String stubs) {
    if (cache != ScanCache.NONE || options.jobs() < 2) return null;
    Set<String> seeds = index.mentions().get(SEED);
    Supplier<List<String>> candidates = () -> {
      Set<String> files = new LinkedHashSet<>();
      for (String type : ON_DEMAND_TABLES)
        for (String file : index.definitions().filesDefining(Set.of(new Demand.Objects(type))))
          if (isFollowed(file) && !seeds.contains(file)) files.add(file);
      return List.copyOf(files);
    };
    // Its own notes and failures: a parse that fails ahead is dropped, and the loader's says why.
    Parsing aside = new Parsing(parser, stubs, new ConcurrentHashMap<>(), new ArrayList<>(), new AtomicInteger(), null);
    return new Prefetch(
        candidates,
        path -> {
          try {
            return parse(path, tree.read(path), aside);
          } catch (IOException e) {
            return null;
          }
        },
        meanwhile);
  }

  /**
   * Loads the files side by side; one that cannot be read is a failure with a note. Once a
   * thread is out of files, what parses ahead may go on.
   */
  private void loadAll(SourceTree tree, List<String> paths, Parsing parsing) throws IOException {
    Runnable drained = parsing.ahead() == null ? () -> {} : () -> parsing.ahead().open(true);
    each(paths, path -> {
      try {
        load(tree, path, parsing);
      } catch (IOException e) {
        parsing.failures().incrementAndGet();
        parsing.notes().add(new Notification(Severity.WARNING, path, "cannot read: " + e, null));
      } finally {
        listener.step();
      }
      return null;
    }, drained);
  }

  /** Said once per field of {@link Demand.Tables#BY_DEVICE} a call goes through. */
  private static Notification notLoaded(Demand.Tables tables) {
    return new Notification(
        Severity.NOTE,
        null,
        "calls through " + tables.type() + "." + tables.field() + " followed only into tables loaded for other reasons: a"
            + " file's operations are those of the device it was opened on, which the type does not tell, so tables of "
            + Demand.Tables.BY_DEVICE + " are not loaded for a call",
        null);
  }

  /**
   * Whether a tables file's text sets a field (".field =" in an initializer or a store, or a
   * table macro of the tree's headers that does): a table file without it cannot bind what the
   * path calls, and need not be parsed. A file that sets no field asked for stays unloaded and is
   * asked again each round: each file is read once a scan, and each question answered once.
   */
  private static final class TableFiles {
    private final SourceTree tree;
    private final TableMacros macros;
    private final Map<String, byte[]> texts = new HashMap<>();
    private final Map<String, Boolean> answers = new HashMap<>();

    TableFiles(SourceTree tree, TableMacros macros) {
      this.tree = tree;
      this.macros = macros;
    }

    boolean setsField(String file, String field) {
      return answers.computeIfAbsent(file + "\0" + field, key -> {
        byte[] text = text(file);
        return text == null || TextScan.setsField(text, text.length, field) || macros.setsFieldIn(text, text.length, field);
      });
    }

    /** The file's bytes; null when it cannot be read (its parse reports it). */
    private byte[] text(String file) {
      return texts.computeIfAbsent(file, f -> {
        try {
          ByteBuffer content = tree.read(f);
          return Arrays.copyOf(content.array(), content.limit());
        } catch (IOException e) {
          return null;
        }
      });
    }
  }

  /** Runs the rules side by side; findings keep the rules' order. */
  private List<Finding> check(
      ProgramModel model, List<MmapPath> paths, List<RuleDescriptor> rules, Collection<Notification> notes)
      throws IOException {
    listener.phase("checking", rules.size());
    List<Finding> findings = new ArrayList<>();
    each(rules, rule -> check(model, paths, rule, notes)).forEach(findings::addAll);
    return findings;
  }

  private List<Finding> check(
      ProgramModel model, List<MmapPath> paths, RuleDescriptor rule, Collection<Notification> notes) {
    try {
      return run(rule, paths, notes, context -> rule.rule().check(model, context));
    } finally {
      listener.step();
    }
  }

  /** Runs one check of a rule; a rule that fails becomes a notification. */
  private List<Finding> run(
      RuleDescriptor rule, List<MmapPath> paths, Collection<Notification> notes, Consumer<RuleContext> check) {
    RuleContext context = new RuleContext(rule, options, paths);
    try {
      check.accept(context);
      return context.findings();
    } catch (RuntimeException | StackOverflowError e) {
      notes.add(new Notification(Severity.ERROR, null, "rule failed: " + e, rule.id()));
      return List.of();
    }
  }

  /**
   * The mmap path of every exporter whose .mmap resolves, worked out side by side and as seen
   * from the exporter's directory ({@link ProgramModel#seenFrom}); one that cannot be worked out
   * is a notification.
   */
  private List<MmapPath> mmapPaths(ProgramModel model, Collection<Notification> notes) throws IOException {
    Set<String> known = options.api().allNames();
    List<MmapPath> paths = new ArrayList<>();
    each(model.opsTables("dma_buf_ops"), exporter -> mmapPath(model, exporter, known, notes)).forEach(p -> p.ifPresent(paths::add));
    return paths;
  }

  private Optional<MmapPath> mmapPath(
      ProgramModel model, OpsTable exporter, Set<String> known, Collection<Notification> notes) {
    FunctionDef handler = model.handler(exporter, "mmap");
    if (handler == null) return Optional.empty();
    try {
      ProgramModel seen = model.seenFrom(ProgramModel.directory(exporter.file()));
      return Optional.of(MmapPath.of(seen, exporter, handler, options.callDepth(), known));
    } catch (RuntimeException | StackOverflowError e) {
      notes.add(new Notification(Severity.WARNING, exporter.file(), "mmap path of " + exporter.name() + " not followed: " + e, null));
      return Optional.empty();
    }
  }

  /**
   * Puts the file's parse into the model: the cache's, else a parse of its bytes, which the cache
   * then keeps. The cache knows a file by its git blob id: the tree's, or, for a tree that does not
   * name its contents (a directory), worked out from the bytes.
   */
  private void load(SourceTree tree, String path, Parsing parsing) throws IOException {
    String content = tree.contentId(path);
    ByteBuffer data = null;
    if (content == null && cache != ScanCache.NONE) {
      data = tree.read(path);
      content = blobId(data);
    }
    ScanCache.Parsed parsed = content == null ? null : cache.parsed(content, path, options, parsing.macros());
    if (parsed == null && parsing.ahead() != null) parsed = parsing.ahead().take(path);
    if (parsed == null) {
      parsed = parse(path, data != null ? data : tree.read(path), parsing);
      if (parsed == null) return;
      if (content != null) cache.keepParsed(content, path, options, parsing.macros(), parsed);
    }
    if (parsed.latin1()) parsing.notes().add(latin1(path));
    parsing.parsed().put(path, parsed.model());
  }

  /**
   * The id git gives a blob of these bytes, with the JDK's SHA-1: JGit's (ObjectInserter.Formatter)
   * checks for collisions in Java, and in a fresh JVM took 0.3 s against 0.11 s for 15 MB.
   */
  private static String blobId(ByteBuffer data) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-1");
      sha.update(("blob " + data.limit() + "\0").getBytes(StandardCharsets.US_ASCII));
      sha.update(data.array(), 0, data.limit());
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Notification latin1(String path) {
    return new Notification(Severity.NOTE, path, "not valid UTF-8; read as Latin-1", null);
  }

  /** Decodes (UTF-8, else Latin-1) and parses one file's bytes; null, with a note, when it cannot. */
  private ScanCache.Parsed parse(String path, ByteBuffer data, Parsing parsing) {
    Collection<Notification> notes = parsing.notes();
    if (data.limit() > options.maxParseBytes()) {
      notes.add(
          new Notification(
              Severity.WARNING, path, "not parsed: " + data.limit() + " bytes is over the parse limit", null));
      parsing.failures().incrementAndGet();
      return null;
    }
    boolean latin1 = false;
    char[] text;
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(data.duplicate());
      text = new char[chars.remaining()];
      chars.get(text);
    } catch (CharacterCodingException e) {
      latin1 = true;
      text = StandardCharsets.ISO_8859_1.decode(data.duplicate()).toString().toCharArray();
    }
    try {
      return new ScanCache.Parsed(parsing.parser().parse(path, text), latin1);
    } catch (CFileParser.ParseFailure e) {
      // Not kept: a parse that ran out of time may not next time.
      parsing.failures().incrementAndGet();
      if (latin1) notes.add(latin1(path));
      notes.add(new Notification(Severity.WARNING, path, "not parsed: " + e.getMessage(), null));
      return null;
    }
  }

  /**
   * What the work gives for each item, in the items' order, worked out on every thread of the
   * pool, each taking the next item as it is free: a parallel stream hands out runs of a quarter
   * of the list (its leaf size follows the common pool's parallelism, 1 on 2 cores), so one thread
   * could be left with a run of large files or slow exporters while the other waits.
   */
  private <T, R> List<R> each(List<T> items, Function<T, R> work) throws IOException {
    return each(items, work, () -> {});
  }

  /** As {@link #each(List, Function)}; {@code drained} runs once, when the first thread finds no item left. */
  private <T, R> List<R> each(List<T> items, Function<T, R> work, Runnable drained) throws IOException {
    AtomicInteger next = new AtomicInteger();
    AtomicReferenceArray<R> results = new AtomicReferenceArray<>(items.size());
    inPool(
        () -> {
          IntStream.range(0, Math.max(1, options.jobs()))
              .parallel()
              .forEach(
                  thread -> {
                    int i = next.getAndIncrement();
                    for (; i < items.size(); i = next.getAndIncrement()) results.set(i, work.apply(items.get(i)));
                    if (i == items.size()) drained.run();
                  });
          return null;
        });
    List<R> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) out.add(results.get(i));
    return out;
  }

  /** Runs the work in a pool of {@code jobs} threads; its parallel streams and forks stay there. */
  private void inPool(Callable<Void> work) throws IOException {
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, options.jobs()));
    try {
      pool.submit(work).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("scan worker failed", e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  private static boolean isFollowed(String file) {
    for (String dir : NOT_FOLLOWED) if (file.startsWith(dir)) return false;
    return true;
  }

  private static List<String> sorted(Collection<String> c) {
    return c.stream().sorted().toList();
  }

  /** One finding per rule and place: the exporters and chains that reach it are merged. */
  static List<Finding> merge(List<Finding> findings) {
    Map<String, Finding> byPlace = new LinkedHashMap<>();
    for (Finding f : findings) {
      String key = f.ruleId() + "@" + f.location();
      Finding seen = byPlace.get(key);
      if (seen == null) {
        byPlace.put(key, f);
        continue;
      }
      List<Finding.Related> related = new ArrayList<>(seen.related());
      for (Finding.Related r : f.related()) if (!related.contains(r)) related.add(r);
      List<List<Finding.Related>> flows = new ArrayList<>(seen.flows());
      for (List<Finding.Related> flow : f.flows()) if (!flows.contains(flow)) flows.add(flow);
      byPlace.put(
          key,
          new Finding(
              seen.ruleId(), seen.severity(), seen.message(), seen.location(), seen.function(), related, flows));
    }
    List<Finding> out = new ArrayList<>(byPlace.values());
    out.sort(Comparator.comparing(Finding::location).thenComparing(Finding::ruleId));
    return out;
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
