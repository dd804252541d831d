#!/usr/bin/env bash
# Mutation fuzzing on real kernel files (see scripts/Fuzz.java): scans mutated copies of a kernel
# tree's exporter files and counts exit codes, crashes, hangs and unreadable reports.
# Usage: scripts/fuzz.sh TREE [ROUNDS] [SEED]. Exits 1 when any round crashed, hung or wrote a bad report;
# failed rounds' trees are kept in the work directory it names.
set -euo pipefail
tree=${1:?usage: scripts/fuzz.sh TREE [ROUNDS] [SEED]}
rounds=${2:-300}
seed=${3:-1}
[[ -d $tree/drivers ]] || { echo "fuzz: not a kernel tree: $tree" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
jar=$here/cli/target/mmapcheck.jar
[[ -f $jar ]] || (cd "$here" && mvn -q package -DskipTests)
work=$(mktemp -d "${TMPDIR:-/tmp}/mmapcheck-fuzz.XXXXXX")
echo "fuzz: work directory $work" >&2
# A hang is a scan of 1-3 files still running after 60 s; the per-file parse budget is far below that.
java -cp "$jar" "$here/scripts/Fuzz.java" "$(cd "$tree" && pwd)" "$rounds" "$seed" "$here/cli/bin/mmapcheck" "$work" 60
