import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Mutation fuzzing of mmapcheck on real kernel files: each round copies a few exporter files of
 * a kernel tree into a scratch tree, mutates them, scans it through the launcher, and checks that
 * the scan ends in time, with exit 0 or 1, no stack trace, and a report that parses. The seed
 * fixes every choice, so a failing round can be replayed. Run by scripts/fuzz.sh.
 */
public final class Fuzz {

  /** Fragments that stress the preprocessor and the parser where real code rarely does. */
  private static final String[] INSERTS = {
    "#if 1\n", "#endif\n", "#else\n", "/*", "*/", "\"", "'", "\\\n", "{", "}", "(", ")", ";",
    "#define dma_buf_ops struct\n", "__attribute__((", "#include <missing.h>\n", "\u00ef\u00bb\u00bf",
    "#define M1(x) M0(M0(x))\n#define M0(x) x x\n", "vma->vm_ops = &", "static const struct dma_buf_ops ",
    "\0", "\u001b[2J", "??/\n", "#pragma once\n", "asm volatile(\"\" ::: \"memory\");\n",
  };

  public static void main(String[] args) throws Exception {
    Path tree = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    long seed = Long.parseLong(args[2]);
    Path launcher = Path.of(args[3]);
    Path work = Path.of(args[4]);
    int timeoutSeconds = Integer.parseInt(args[5]);
    List<Path> exporters = exporterFiles(tree);
    if (exporters.isEmpty()) throw new IllegalArgumentException("no file naming dma_buf_ops under " + tree);
    System.err.printf("fuzz: %d exporter files in %s, %d rounds, seed %d%n", exporters.size(), tree, rounds, seed);
    Random random = new Random(seed);
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> exits = new TreeMap<>();
    int crashes = 0, hangs = 0, badReports = 0, notified = 0;
    for (int round = 1; round <= rounds; round++) {
      Path dir = work.resolve("round");
      deleteTree(dir);
      int files = 1 + random.nextInt(3);
      List<String> mutations = new ArrayList<>();
      for (int i = 0; i < files; i++) {
        Path source = exporters.get(random.nextInt(exporters.size()));
        byte[] bytes = Files.readAllBytes(source);
        int count = 1 + random.nextInt(4);
        for (int m = 0; m < count; m++) {
          Mutated mutated = mutate(bytes, random);
          bytes = mutated.bytes();
          mutations.add(tree.relativize(source) + ": " + mutated.what());
        }
        Path target = dir.resolve(tree.relativize(source));
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
      }
      Process p =
          new ProcessBuilder(launcher.toString(), "scan", "--quiet", "--format", "json", "--fail-on", "warning", dir.toString())
              .redirectOutput(work.resolve("out.json").toFile())
              .redirectError(work.resolve("err.txt").toFile())
              .start();
      String verdict;
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        hangs++;
        verdict = "HANG";
      } else {
        int exit = p.exitValue();
        exits.merge(String.valueOf(exit), 1, Integer::sum);
        String err = Files.readString(work.resolve("err.txt"), StandardCharsets.ISO_8859_1);
        if (exit >= 2 || err.contains("Exception") || err.contains("\tat ")) {
          crashes++;
          verdict = "CRASH exit " + exit + ": " + err.lines().findFirst().orElse("");
        } else {
          try {
            JsonNode report = json.readTree(work.resolve("out.json").toFile());
            notified += report.path("notifications").size() > 0 ? 1 : 0;
            verdict = "ok exit " + exit + ", " + report.path("findings").size() + " findings, "
                + report.path("notifications").size() + " notifications";
          } catch (IOException e) {
            badReports++;
            verdict = "BAD REPORT: " + e.getMessage().lines().findFirst().orElse("");
          }
        }
      }
      boolean failed = !verdict.startsWith("ok");
      if (failed) {
        Path keep = work.resolve("failed-round-" + round);
        deleteTree(keep);
        Files.move(dir, keep);
      }
      System.out.printf("round %d: %s%n", round, verdict);
      if (failed) for (String m : mutations) System.out.println("  " + m);
    }
    deleteTree(work.resolve("round"));
    System.out.printf(
        "fuzz: %d rounds, seed %d: exit codes %s, %d crashes, %d hangs, %d unreadable reports, %d rounds with notifications%n",
        rounds, seed, exits, crashes, hangs, badReports, notified);
    System.exit(crashes + hangs + badReports == 0 ? 0 : 1);
  }

  record Mutated(byte[] bytes, String what) {}

  static Mutated mutate(byte[] in, Random random) {
    List<Integer> lines = new ArrayList<>();
    lines.add(0);
    for (int i = 0; i < in.length; i++) if (in[i] == '\n') lines.add(i + 1);
    int a = lines.get(random.nextInt(lines.size()));
    int b = Math.min(in.length, lines.get(Math.min(lines.size() - 1, lines.indexOf(a) + 1 + random.nextInt(40))));
    int at = in.length == 0 ? 0 : random.nextInt(in.length);
    return switch (random.nextInt(8)) {
      case 0 -> new Mutated(concat(slice(in, 0, a), slice(in, b, in.length)), "delete bytes " + a + "-" + b);
      case 1 -> new Mutated(concat(slice(in, 0, b), slice(in, a, in.length)), "duplicate bytes " + a + "-" + b);
      case 2 -> new Mutated(slice(in, 0, at), "truncate at " + at);
      case 3 -> {
        byte[] noise = new byte[1 + random.nextInt(16)];
        random.nextBytes(noise);
        yield new Mutated(concat(slice(in, 0, at), noise, slice(in, at, in.length)), "random bytes at " + at);
      }
      case 4 -> {
        String insert = INSERTS[random.nextInt(INSERTS.length)];
        yield new Mutated(concat(slice(in, 0, at), insert.getBytes(StandardCharsets.UTF_8), slice(in, at, in.length)),
            "insert " + printable(insert) + " at " + at);
      }
      case 5 -> {
        byte[] out = in.clone();
        byte[] swaps = "{}()[];,".getBytes(StandardCharsets.US_ASCII);
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n && out.length > 0; i++) out[random.nextInt(out.length)] = swaps[random.nextInt(swaps.length)];
        yield new Mutated(out, n + " punctuation swaps");
      }
      case 6 -> {
        int depth = 10 + random.nextInt(21);
        StringBuilder bomb = new StringBuilder("\n#define FZ0(x) x x\n");
        for (int i = 1; i <= depth; i++) bomb.append("#define FZ").append(i).append("(x) FZ").append(i - 1).append("(FZ").append(i - 1).append("(x))\n");
        bomb.append("static int fz_bomb(void) { return FZ").append(depth).append("(0); }\n");
        yield new Mutated(concat(slice(in, 0, a), bomb.toString().getBytes(StandardCharsets.US_ASCII), slice(in, a, in.length)),
            "macro expansion bomb of depth " + depth + " at " + a);
      }
      default -> {
        byte[] nested = ("\n" + "{(".repeat(500 + random.nextInt(3000)) + "\n").getBytes(StandardCharsets.US_ASCII);
        yield new Mutated(concat(slice(in, 0, a), nested, slice(in, a, in.length)), "deep nesting at " + a);
      }
    };
  }

  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) out.append(c < 0x20 || c > 0x7e ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    return out.toString();
  }

  static byte[] slice(byte[] in, int from, int to) {
    return java.util.Arrays.copyOfRange(in, from, Math.max(from, to));
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The C files under drivers/ that name dma_buf_ops, sorted, so a seed picks the same ones. */
  static List<Path> exporterFiles(Path tree) throws IOException {
    try (Stream<Path> files = Files.walk(tree.resolve("drivers"))) {
      return files
          .filter(f -> f.toString().endsWith(".c") && Files.isRegularFile(f))
          .filter(f -> {
            try {
              return Files.readString(f, StandardCharsets.ISO_8859_1).contains("struct dma_buf_ops");
            } catch (IOException e) {
              return false;
            }
          })
          .sorted()
          .toList();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
