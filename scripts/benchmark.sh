#!/usr/bin/env bash
# Scans a whole unpacked kernel tree and prints speed and memory figures, with grep's time over
# the same files as the floor. Usage: scripts/benchmark.sh TREE [RUNS]
# Builds the jar first if it is missing. Targets (2 cores): scan <= 2x the floor, peak RSS <= 1 GiB.
# CPU time (user + sys) is printed for both sides too: on a shared machine it varies much less
# than wall time, which waits on everyone else's work.
# The scan is timed through cli/bin/mmapcheck, the launcher README uses; plain `java -jar` (the
# JVM's default compilers and collector) is timed too, for comparison.
set -euo pipefail
tree=${1:?usage: scripts/benchmark.sh TREE [RUNS]}
runs=${2:-3}
[[ -d $tree ]] || { echo "benchmark: not a directory: $tree" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "benchmark: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
jar=$here/cli/target/mmapcheck.jar
[[ -f $jar ]] || (cd "$here" && mvn -q package -DskipTests)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"; }
# Wall seconds from a /usr/bin/time -v report.
elapsed() { seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1")"; }
# User plus system seconds from a /usr/bin/time -v report.
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"; }
# The smaller of a best so far (empty at first) and a new figure.
least() { if [[ -z $1 ]] || awk "BEGIN{exit !($2 < $1)}"; then echo "$2"; else echo "$1"; fi; }

# Warm the page cache once so that neither side pays for the disk.
grep -rlE 'dma_buf_ops|vm_operations_struct|drm_gem_object_funcs' --include=*.c --include=*.h "$tree" >/dev/null || true

best_grep=; best_scan=; best_jar=; cpu_grep=; cpu_scan=
for ((i = 1; i <= runs; i++)); do
  /usr/bin/time -v -o "$work/grep.time" \
    grep -rlE 'dma_buf_ops|vm_operations_struct|drm_gem_object_funcs' --include=*.c --include=*.h "$tree" >/dev/null || true
  g=$(elapsed "$work/grep.time")
  /usr/bin/time -v -o "$work/scan.time" \
    "$here/cli/bin/mmapcheck" scan --quiet --stats --format sarif --fail-on never -o "$work/out.sarif" "$tree" 2>"$work/stats" || {
      cat "$work/stats" >&2; exit 1; }
  s=$(elapsed "$work/scan.time")
  /usr/bin/time -v -o "$work/jar.time" \
    java -jar "$jar" scan --quiet --format sarif --fail-on never -o "$work/out.sarif" "$tree" 2>"$work/jar.err" || {
      cat "$work/jar.err" >&2; exit 1; }
  j=$(elapsed "$work/jar.time")
  echo "run $i: grep ${g}s, mmapcheck ${s}s, java -jar ${j}s"
  best_grep=$(least "$best_grep" "$g")
  best_jar=$(least "$best_jar" "$j")
  cpu_grep=$(least "$cpu_grep" "$(cpu "$work/grep.time")")
  cpu_scan=$(least "$cpu_scan" "$(cpu "$work/scan.time")")
  if [[ -z $best_scan ]] || awk "BEGIN{exit !($s < $best_scan)}"; then best_scan=$s; cp "$work/scan.time" "$work/best.time"; cp "$work/stats" "$work/best.stats"; fi
done

user=$(sed -n 's/.*User time (seconds): //p' "$work/best.time")
sys=$(sed -n 's/.*System time (seconds): //p' "$work/best.time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/best.time")
echo
echo "tree:            $tree"
echo "grep floor:      ${best_grep}s (best of $runs; cpu ${cpu_grep}s, best of $runs)"
echo "mmapcheck wall:  ${best_scan}s (best of $runs)"
echo "java -jar wall:  ${best_jar}s (best of $runs; $(awk "BEGIN{printf \"%.2f\", $best_jar / $best_grep}")x the floor)"
echo "mmapcheck cpu:   ${cpu_scan}s (best of $runs; the best wall run's: user $user, sys $sys)"
echo "peak RSS:        $(awk "BEGIN{printf \"%.0f\", $rss / 1024}") MiB (target <= 1024)"
sed 's/^/scan /' "$work/best.stats"
echo "ratio:           $(awk "BEGIN{printf \"%.2f\", $best_scan / $best_grep}")x the grep floor (target <= 2x); cpu $(awk "BEGIN{printf \"%.2f\", $cpu_scan / $cpu_grep}")x grep's"
