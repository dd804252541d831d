#!/usr/bin/env bash
# Scans a whole unpacked kernel tree and prints speed and memory figures, with grep's time over
# the same files as the floor. Usage: scripts/benchmark.sh TREE [RUNS]
# Builds the jar first if it is missing. Targets (2 cores): scan <= 2x the floor, peak RSS <= 1 GiB.
# The scan is timed with no cache and with the cache an earlier scan of the tree filled.
# CPU time (user + sys) is printed for both sides too: on a shared machine it varies much less
# than wall time, which waits on everyone else's work.
# The scan is timed through cli/bin/mmapcheck, the launcher README uses; plain `java -jar` (the
# JVM's default compilers and collector) is timed too, for comparison. Each figure is the best
# of RUNS on its own (see timed), here and in the modes below.
#
# scripts/benchmark.sh --git REPO CHECKOUT [RUNS] times the commands that read git instead (see
# git_benchmark below), and scripts/benchmark.sh --history REPO OLD NEW [RUNS] times history over
# two revisions against one scan (history_benchmark).
set -euo pipefail
command -v /usr/bin/time >/dev/null || { echo "benchmark: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
jar=$here/cli/target/mmapcheck.jar
[[ -f $jar ]] || (cd "$here" && mvn -q package -DskipTests)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"; }
# Wall seconds from a /usr/bin/time -v report.
elapsed() { seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1")"; }
# CPU seconds (user + system) from a /usr/bin/time -v report.
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"; }
# Peak RSS in MiB from a /usr/bin/time -v report.
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
# Sets the variable named $1 to $2 if it is unset, or if $2 is smaller (least) or larger (most).
least() { if [[ -z ${!1:-} ]] || awk "BEGIN{exit !($2 < ${!1})}"; then printf -v "$1" %s "$2"; fi; }
most() { if [[ -z ${!1:-} ]] || awk "BEGIN{exit !($2 > ${!1})}"; then printf -v "$1" %s "$2"; fi; }

# name, then the command. The best of several runs is each figure's own best: the least wall
# time in best_NAME, the least CPU time in cpu_NAME (the two need not come from the same run),
# and the largest peak RSS, in MiB, in rss_NAME. The command's standard error is kept in
# $work/NAME.err.
timed() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.time" "$@" >/dev/null 2>"$work/$name.err" || {
    [[ $name == grep ]] || { cat "$work/$name.err" >&2; exit 1; }; }
  local w; w=$(elapsed "$work/$name.time")
  least "best_$name" "$w"
  least "cpu_$name" "$(cpu "$work/$name.time")"
  most "rss_$name" "$(rss "$work/$name.time")"
  printf ' %s %ss' "$name" "$w"
}
line() { printf '%-34s %6ss wall %6ss cpu%s\n' "$1" "$2" "$3" "${4:-}"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }

# Git: on a repository whose HEAD~1 and HEAD are two kernel trees (HEAD checked out at CHECKOUT),
# a cold `scan --rev HEAD` (empty cache) against a scan of the checkout (no cache), and `diff`
# and `check-patch` of one-file changes (commits on HEAD, in a clone that shares the
# repository's objects, and the same changes as patches) against grep over the checkout: the
# first, then warm (the base seen, the change not: another change), then the same change again;
# a warm `diff` of the two versions is printed too. Best of RUNS, wall and
# CPU. Goals (2 cores): cold scan --rev <= 2x the checkout scan; warm diff and check-patch below
# the grep floor.
git_benchmark() {
  local repo=$1 checkout=$2 runs=$3 mm=$here/cli/bin/mmapcheck
  [[ -d $repo && -d $checkout ]] || { echo "benchmark: not a directory: $repo or $checkout" >&2; exit 2; }
  local words='dma_buf_ops|vm_operations_struct|drm_gem_object_funcs'
  # One-file changes, as commits on HEAD (in a clone that borrows the repository's objects) for
  # diff (a, b) and as git format-patch files for check-patch (c, d): a comment added to the first
  # dma-buf file, worded apart. Apart, since a diff keeps its head's findings, which a patch
  # making the same tree would then find.
  local file=drivers/dma-buf/dma-buf.c
  git --git-dir="$repo" show "HEAD:$file" >"$work/old.c"
  git clone -q --bare --shared "$repo" "$work/one.git"
  local change blob tree
  declare -gA commit
  for change in a b c d; do
    { echo "/* benchmark: one-line change $change */"; cat "$work/old.c"; } >"$work/new.c"
    { printf 'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: Benchmark <bench@example.org>\n'
      printf 'Subject: [PATCH] dma-buf: one-line change %s\n\n---\ndiff --git a/%s b/%s\n' "$change" "$file" "$file"
      diff -u --label "a/$file" --label "b/$file" "$work/old.c" "$work/new.c" || true; } >"$work/$change.patch"
    blob=$(git --git-dir="$work/one.git" hash-object -w "$work/new.c")
    GIT_INDEX_FILE=$work/one.index git --git-dir="$work/one.git" read-tree HEAD
    GIT_INDEX_FILE=$work/one.index git --git-dir="$work/one.git" update-index --cacheinfo "100644,$blob,$file"
    tree=$(GIT_INDEX_FILE=$work/one.index git --git-dir="$work/one.git" write-tree)
    commit[$change]=$(git --git-dir="$work/one.git" -c user.name=Benchmark -c user.email=bench@example.org commit-tree "$tree" -p HEAD -m "one-line change $change")
  done
  grep -rlE "$words" --include=*.c --include=*.h "$checkout" >/dev/null || true

  local i cache
  for ((i = 1; i <= runs; i++)); do
    # A new directory for each run's cache, not the last one emptied: ext4 takes its time to give
    # out inodes near thousands it freed seconds before, which made a cold run spend some 3 s
    # more system time than one writing to a fresh directory. The old ones go at exit.
    cache=$work/cache-$i
    printf 'run %d:' "$i"
    timed grep grep -rlE "$words" --include=*.c --include=*.h "$checkout"
    timed checkout "$mm" scan --quiet --format sarif --fail-on never --no-cache "$checkout"
    timed cold "$mm" scan --quiet --format sarif --fail-on never --cache "$cache" --repo "$repo" --rev HEAD
    timed nocache "$mm" scan --quiet --format sarif --fail-on never --no-cache --repo "$repo" --rev HEAD
    "$mm" scan --quiet --fail-on never --cache "$cache" --repo "$repo" --rev HEAD~1 >/dev/null
    timed versions "$mm" diff --quiet --format sarif --fail-on never --cache "$cache" --repo "$repo" --base HEAD~1 --head HEAD
    timed diff1 "$mm" diff --quiet --format sarif --fail-on never --cache "$cache" --repo "$work/one.git" --base HEAD --head "${commit[a]}"
    timed diff "$mm" diff --quiet --format sarif --fail-on never --cache "$cache" --repo "$work/one.git" --base HEAD --head "${commit[b]}"
    timed diffagain "$mm" diff --quiet --format sarif --fail-on never --cache "$cache" --repo "$work/one.git" --base HEAD --head "${commit[b]}"
    timed patch1 "$mm" check-patch --fail-on never --cache "$cache" --repo "$repo" --base HEAD "$work/c.patch"
    timed patch "$mm" check-patch --fail-on never --cache "$cache" --repo "$repo" --base HEAD "$work/d.patch"
    timed patchagain "$mm" check-patch --fail-on never --cache "$cache" --repo "$repo" --base HEAD "$work/d.patch"
    echo
  done
  echo
  echo "repository:   $repo (checkout $checkout), best of $runs"
  line "grep floor (checkout)" "$best_grep" "$cpu_grep"
  line "scan of the checkout" "$best_checkout" "$cpu_checkout"
  line "cold scan --rev HEAD" "$best_cold" "$cpu_cold" "  ($(ratio "$best_cold" "$best_checkout")x the checkout scan; goal <= 2x)"
  line "scan --rev HEAD --no-cache" "$best_nocache" "$cpu_nocache" "  ($(ratio "$best_nocache" "$best_checkout")x)"
  line "warm diff HEAD~1..HEAD" "$best_versions" "$cpu_versions" "  ($(ratio "$best_versions" "$best_grep")x the grep floor: two versions)"
  line "diff, one file, first" "$best_diff1" "$cpu_diff1" "  ($(ratio "$best_diff1" "$best_grep")x)"
  line "warm diff, another one-file change" "$best_diff" "$cpu_diff" "  ($(ratio "$best_diff" "$best_grep")x the grep floor; goal < 1x)"
  line "warm diff, the same change again" "$best_diffagain" "$cpu_diffagain" "  ($(ratio "$best_diffagain" "$best_grep")x)"
  line "check-patch, one file, first" "$best_patch1" "$cpu_patch1" "  ($(ratio "$best_patch1" "$best_grep")x)"
  line "warm check-patch, another patch" "$best_patch" "$cpu_patch" "  ($(ratio "$best_patch" "$best_grep")x the grep floor; goal < 1x)"
  line "warm check-patch, the same again" "$best_patchagain" "$cpu_patchagain" "  ($(ratio "$best_patchagain" "$best_grep")x)"
  echo "cache:        $(du -sh "$cache" | cut -f1) after the runs"
}

# History: on a repository with revisions OLD and NEW, `history --revs OLD,NEW` against one cold
# `scan --rev NEW`, each from an empty cache. Best of RUNS, wall and CPU. Goal (2 cores): history
# at most 1.6x the scan, as files the two revisions share are read and parsed once. A cold scan
# of OLD and the share of C sources the two have in common (same path, same blob) are printed
# too: the files that changed must be read anyway, so they set a floor under the figure.
history_benchmark() {
  local repo=$1 old=$2 new=$3 runs=$4 mm=$here/cli/bin/mmapcheck
  [[ -d $repo ]] || { echo "benchmark: not a directory: $repo" >&2; exit 2; }
  local i
  for ((i = 1; i <= runs; i++)); do
    printf 'run %d:' "$i"
    # A new, empty cache for each command (see git_benchmark for why not the last one emptied).
    timed scan "$mm" scan --quiet --format sarif --fail-on never --cache "$work/cache-scan-$i" --repo "$repo" --rev "$new"
    timed old "$mm" scan --quiet --format sarif --fail-on never --cache "$work/cache-old-$i" --repo "$repo" --rev "$old"
    timed history "$mm" history --quiet --cache "$work/cache-history-$i" --repo "$repo" --revs "$old,$new" -o "$work/history.html"
    echo
  done
  local sources shared
  sources=$(git --git-dir="$repo" ls-tree -r "$new" | grep -cE '\.[ch]$' || true)
  shared=$(comm -12 <(git --git-dir="$repo" ls-tree -r "$old" | grep -E '\.[ch]$' | sort) \
    <(git --git-dir="$repo" ls-tree -r "$new" | grep -E '\.[ch]$' | sort) | wc -l)
  echo
  echo "repository:   $repo ($old, $new), best of $runs"
  echo "C sources:    $sources in $new, $shared of them unchanged since $old ($(awk "BEGIN{printf \"%.0f\", 100 * $shared / $sources}")%)"
  line "cold scan --rev $new" "$best_scan" "$cpu_scan"
  line "cold scan --rev $old" "$best_old" "$cpu_old" "  ($(ratio "$best_old" "$best_scan")x)"
  line "history $old,$new" "$best_history" "$cpu_history" "  ($(ratio "$best_history" "$best_scan")x the scan; goal <= 1.6x)"
}

if [[ ${1:-} == --git ]]; then
  git_benchmark "${2:?usage: scripts/benchmark.sh --git REPO CHECKOUT [RUNS]}" "${3:?usage: scripts/benchmark.sh --git REPO CHECKOUT [RUNS]}" "${4:-3}"
  exit 0
fi
if [[ ${1:-} == --history ]]; then
  usage='usage: scripts/benchmark.sh --history REPO OLD NEW [RUNS]'
  history_benchmark "${2:?$usage}" "${3:?$usage}" "${4:?$usage}" "${5:-3}"
  exit 0
fi

tree=${1:?usage: scripts/benchmark.sh TREE [RUNS]}
runs=${2:-3}
[[ -d $tree ]] || { echo "benchmark: not a directory: $tree" >&2; exit 2; }

words='dma_buf_ops|vm_operations_struct|drm_gem_object_funcs'
# Warm the page cache once so that neither side pays for the disk.
grep -rlE "$words" --include=*.c --include=*.h "$tree" >/dev/null || true

# Fill the cache once, so the warm runs read only the files they parse and parse none of them.
"$here/cli/bin/mmapcheck" scan --quiet --format sarif --fail-on never --cache "$work/cache" -o "$work/out.sarif" "$tree"
for ((i = 1; i <= runs; i++)); do
  printf 'run %d:' "$i"
  timed grep grep -rlE "$words" --include=*.c --include=*.h "$tree"
  timed scan "$here/cli/bin/mmapcheck" scan --quiet --stats --no-cache --format sarif --fail-on never -o "$work/out.sarif" "$tree"
  timed warm "$here/cli/bin/mmapcheck" scan --quiet --stats --cache "$work/cache" --format sarif --fail-on never -o "$work/out.sarif" "$tree"
  timed jar java -jar "$jar" scan --quiet --no-cache --format sarif --fail-on never -o "$work/out.sarif" "$tree"
  echo
done

echo
echo "tree:            $tree, best of $runs"
line "grep floor" "$best_grep" "$cpu_grep"
line "mmapcheck, no cache" "$best_scan" "$cpu_scan" \
  "  ($(ratio "$best_scan" "$best_grep")x the floor, target <= 2x; cpu $(ratio "$cpu_scan" "$cpu_grep")x grep's)"
line "mmapcheck, cache warm" "$best_warm" "$cpu_warm" \
  "  ($(ratio "$best_warm" "$best_grep")x the floor, target <= 2x; cpu $(ratio "$cpu_warm" "$cpu_grep")x grep's)"
line "java -jar, no cache" "$best_jar" "$cpu_jar" "  ($(ratio "$best_jar" "$best_grep")x the floor)"
echo "peak RSS:        ${rss_scan} MiB through the launcher (${rss_warm} MiB cached), ${rss_jar} MiB with java -jar (target <= 1024)"
sed 's/^/scan, no cache: /' "$work/scan.err"
sed 's/^/scan, cached:   /' "$work/warm.err"
