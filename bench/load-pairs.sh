#!/usr/bin/env bash
# Two builds' full loads of the same generated city, alternated (A B, then B A, ...), each into a fresh
# warehouse: the median wall and CPU time of each and the median of the pairwise ratios B/A. For a
# change that must not make the load slower (a refactoring): A the build before it, B the build after.
# A build is either a jar (run as `java -Xmx1g -jar`) or an installation `mvn package` unpacked
# (target/talent-warehouse, copied elsewhere), run through its launcher as production runs it: on Java
# 25+ with the AOT cache its first `run` has trained (untimed here, one small district), so a change
# to what the JIT sees is measured as production would see it.
#
#   java -jar target/talent-warehouse.jar generate --districts all --scale 0.2 --out /tmp/city
#   bench/load-pairs.sh /tmp/before.jar target/talent-warehouse.jar /tmp/city     # PAIRS=5
#   cp -r target/talent-warehouse /tmp/after     # likewise /tmp/before from the older build
#   bench/load-pairs.sh /tmp/before /tmp/after /tmp/city
set -euo pipefail
A="${1:?usage: bench/load-pairs.sh BUILD_A BUILD_B CITY_DIR (a build: a jar or an unpacked installation)}"
B="${2:?usage: bench/load-pairs.sh BUILD_A BUILD_B CITY_DIR}"
CITY="${3:?usage: bench/load-pairs.sh BUILD_A BUILD_B CITY_DIR}"
PAIRS="${PAIRS:-5}"
TRAINING_DISTRICT="${TRAINING_DISTRICT:-500229}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[[ -x /usr/bin/time ]] || { echo "bench/load-pairs.sh needs GNU time: apt-get install -y time" >&2; exit 1; }

# the command line of a build
command_of() {
	if [[ -d "$1" ]]; then
		[[ -x "$1/bin/talent-warehouse" ]] || { echo "$1: not an installation (no bin/talent-warehouse)" >&2; exit 1; }
		echo "$1/bin/talent-warehouse"
	else
		echo "java -Xmx1g -jar $1"
	fi
}

# an installation's first run trains its AOT cache or writes its CDS archive: not part of the pairs
for build in "$A" "$B"; do
	if [[ -d "$build" ]] && ! ls "$build"/app.jsa "$build"/app-*.aot > /dev/null 2>&1; then
		echo "training $build (its first run, district $TRAINING_DISTRICT; untimed)" >&2
		rm -rf "$WORK/w"
		JAVA_OPTS=-Xmx1g $(command_of "$build") run --pipelines "$CITY/pipelines" --landing "$CITY/landing" \
			--district "$TRAINING_DISTRICT" --warehouse "$WORK/w/talent.duckdb" > "$WORK/training.log" 2>&1 \
			|| { tail -20 "$WORK/training.log" >&2; exit 1; }
	fi
done

load() { # build -> "wall cpu" seconds
	rm -rf "$WORK/w"
	# shellcheck disable=SC2046 # the command line is words
	JAVA_OPTS=-Xmx1g /usr/bin/time -f "%e %U %S" -o "$WORK/time" $(command_of "$1") run --pipelines "$CITY/pipelines" \
		--landing "$CITY/landing" --warehouse "$WORK/w/talent.duckdb" > "$WORK/out.log" 2>&1 \
		|| { tail -20 "$WORK/out.log" >&2; exit 1; }
	awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$WORK/time"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

: > "$WORK/a"; : > "$WORK/b"; : > "$WORK/r"
for i in $(seq "$PAIRS"); do
	if ((i % 2)); then a=$(load "$A"); b=$(load "$B"); else b=$(load "$B"); a=$(load "$A"); fi
	echo "$a" >> "$WORK/a"; echo "$b" >> "$WORK/b"; echo "${b% *} / ${a% *}" | bc -l >> "$WORK/r"
	printf 'pair %d: a=%s s (cpu %s s) b=%s s (cpu %s s)\n' "$i" "${a% *}" "${a#* }" "${b% *}" "${b#* }" >&2
done
printf 'a_median_s=%.2f\nb_median_s=%.2f\na_median_cpu_s=%.2f\nb_median_cpu_s=%.2f\nratio_b_over_a_median=%.3f\n' \
	"$(cut -d' ' -f1 "$WORK/a" | median)" "$(cut -d' ' -f1 "$WORK/b" | median)" \
	"$(cut -d' ' -f2 "$WORK/a" | median)" "$(cut -d' ' -f2 "$WORK/b" | median)" "$(median < "$WORK/r")"
