#!/usr/bin/env bash
# Two builds' full loads of the same generated city, alternated (A B A B ...), each into a fresh
# warehouse: the median wall time of each and the median of the pairwise ratios B/A. For a change
# that must not make the load slower (a refactoring): A the jar before it, B the jar after.
#
#   java -jar target/talent-warehouse.jar generate --districts all --scale 0.2 --out /tmp/city
#   bench/load-pairs.sh /tmp/before.jar target/talent-warehouse.jar /tmp/city     # PAIRS=5
set -euo pipefail
A="${1:?usage: bench/load-pairs.sh JAR_A JAR_B CITY_DIR}"
B="${2:?usage: bench/load-pairs.sh JAR_A JAR_B CITY_DIR}"
CITY="${3:?usage: bench/load-pairs.sh JAR_A JAR_B CITY_DIR}"
PAIRS="${PAIRS:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

load() { # jar -> seconds
	rm -rf "$WORK/w"
	local t0 t1
	t0=$(date +%s.%N)
	java -Xmx1g -jar "$1" run --pipelines "$CITY/pipelines" --landing "$CITY/landing" \
		--warehouse "$WORK/w/talent.duckdb" > "$WORK/out.log" 2>&1 || { tail -20 "$WORK/out.log" >&2; exit 1; }
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

: > "$WORK/a"; : > "$WORK/b"; : > "$WORK/r"
for i in $(seq "$PAIRS"); do
	a=$(load "$A"); b=$(load "$B")
	echo "$a" >> "$WORK/a"; echo "$b" >> "$WORK/b"; echo "$b / $a" | bc -l >> "$WORK/r"
	printf 'pair %d: a=%.2f s b=%.2f s\n' "$i" "$a" "$b" >&2
done
printf 'a_median_s=%.2f\nb_median_s=%.2f\nratio_b_over_a_median=%.3f\n' "$(median < "$WORK/a")" "$(median < "$WORK/b")" \
	"$(median < "$WORK/r")"
