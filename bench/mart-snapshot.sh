#!/usr/bin/env bash
# The demo warehouse as CSV files, to show that a change left the product's output unchanged: a true
# first start (the demo extracts of the four seed districts, a fixed pseudonym key) with the given jar,
# then every `mart` view, every `dw` table and view and the `ops` views, one sorted CSV each, with run
# ids, clock times and surrogate keys blanked (bench/MartSnapshot.java). Two snapshots of one jar
# are identical; run them one after the other (they share a work folder).
#
#   bench/mart-snapshot.sh /tmp/before /tmp/main.jar     # the jar built from main
#   bench/mart-snapshot.sh /tmp/after                    # target/talent-warehouse.jar
#   diff -r /tmp/before /tmp/after && echo identical
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: bench/mart-snapshot.sh OUT_DIR [JAR]}"
JAR="$(realpath "${2:-$ROOT/target/talent-warehouse.jar}")"
[[ -f "$JAR" ]] || { echo "no jar at $JAR (mvn -q package -DskipTests)" >&2; exit 1; }
# one fixed folder: file paths are part of ops.quarantine and must read the same in both snapshots
WORK="${TMPDIR:-/tmp}/talent-mart-snapshot"
rm -rf "$WORK" && mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
cp -r "$ROOT/pipelines" "$WORK/"
export TALENT_PSEUDONYM_KEY="mart-snapshot-fixed-key-0123456789abcdef"
(cd "$WORK" && java -Xmx1g -jar "$JAR" run > run.out 2>&1) || { cat "$WORK/run.out"; exit 1; }
unzip -q -j "$JAR" 'BOOT-INF/lib/duckdb_jdbc-*.jar' -d "$WORK/lib"
rm -rf "$OUT"
java -cp "$WORK/lib/*" "$ROOT/bench/MartSnapshot.java" "$WORK/warehouse/talent.duckdb" "$OUT"
