#!/usr/bin/env bash
# What a night costs once the warehouse holds history: HISTORY (default 12) monthly snapshots of the
# whole city (`generate --districts all --history N`: people join, leave, move to the next district
# and are promoted from month to month), loaded into one warehouse; then a one-district night (a
# fresh process loading INCREMENTAL_DISTRICT's next month) timed on that warehouse and on a warehouse
# holding only the last month, in NIGHTS alternated pairs, each night from the same restored warehouse.
#
#   bench/history.sh                          # HISTORY=12 at HISTORY_SCALE=0.25 (1.7 M roster rows a month)
#   HISTORY=24 HISTORY_SCALE=0.1 bench/history.sh
#   HISTORY=12 bench/municipal.sh             # the same, after the municipal measurements
#
# Prints history_snapshots=, history_rows= (roster rows loaded over all months), warehouse_mb= (the
# published file with the history; one_snapshot_warehouse_mb= without), history_load_s= (loading all
# months in one run), a line per pair (night=K one_snapshot_s= history_s= ...), and the medians
# one_snapshot_incremental_s=, history_incremental_s=, history_ratio= (history ÷ one snapshot) and
# history_night_share= (the history night ÷ the median full load of the city, when LOAD_S is given).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/measure.sh
source bench/measure.sh

HISTORY="${HISTORY:-12}"
HISTORY_SCALE="${HISTORY_SCALE:-0.25}"
SEED="${SEED:-20231231}"
XMX="${XMX:-1g}"
NIGHTS="${NIGHTS:-3}"
HOUT="${HISTORY_OUT:-bench/out/history}"
INCREMENTAL_DISTRICT="${INCREMENTAL_DISTRICT:-yongchuan}"
NEXT_MONTH="${NEXT_MONTH:-2025-01-31}"
JAR="${JAR:-target/talent-warehouse.jar}"
UNPACKED="${JAR%.jar}"
LOGS="$HOUT/logs"

say() { echo "[history] $*" >&2; }

[[ -x /usr/bin/time ]] || { echo "bench/history.sh needs GNU time: apt-get install -y time" >&2; exit 1; }
if [[ ! -x "$UNPACKED/bin/talent-warehouse" ]]; then
	say "building $UNPACKED/"
	mvn -B -q package -DskipTests
fi
mkdir -p "$HOUT" "$LOGS"
# a private copy of the application, its AOT cache or CDS archive written by the first run below
if [[ ! -f "$HOUT/app/talent-warehouse.jar" || "$UNPACKED/talent-warehouse.jar" -nt "$HOUT/app/talent-warehouse.jar" ]]; then
	rm -rf "$HOUT/app"
	cp -r "$UNPACKED" "$HOUT/app"
fi
APP=(env "JAVA_OPTS=-Xmx$XMX" "$HOUT/app/bin/talent-warehouse")

MARKER="$HOUT/generated.txt"
if [[ ! -f "$MARKER" ]] || ! grep -qx "scale=$HISTORY_SCALE seed=$SEED history=$HISTORY" <(head -1 "$MARKER"); then
	say "generating $HISTORY monthly snapshots of 38 districts at scale $HISTORY_SCALE into $HOUT (once)"
	rm -rf "$HOUT/landing" "$HOUT/pipelines" "$HOUT/landing-last" "$MARKER"
	"${APP[@]}" generate --districts all --scale "$HISTORY_SCALE" --seed "$SEED" --history "$HISTORY" --out "$HOUT" \
		> "$LOGS/generate.out" 2>&1 || { cat "$LOGS/generate.out" >&2; exit 1; }
	# the same city holding its last month only (hard links, no copy): every district's newest snapshot
	for district in "$HOUT"/landing/*/; do
		last=$(ls -d "$district"????-??-?? | tail -1)
		mkdir -p "$HOUT/landing-last/$(basename "$district")"
		cp -al "$last" "$HOUT/landing-last/$(basename "$district")/"
	done
	find "$HOUT/landing" -maxdepth 1 -type f -exec cp {} "$HOUT/landing-last/" \;
	{
		echo "scale=$HISTORY_SCALE seed=$SEED history=$HISTORY"
		cat "$LOGS/generate.out"
	} > "$MARKER"
fi
say "$(sed -n 2p "$MARKER")"

load() {
	local name=$1 landing=$2 warehouse=$3
	rm -rf "$(dirname "$warehouse")"
	say "$name: loading $landing (log: $LOGS/$name.out)"
	if ! timed "$name" "${APP[@]}" run --pipelines "$HOUT/pipelines" --landing "$landing" --warehouse "$warehouse"; then
		tail -20 "$LOGS/$name.out" >&2
		say "$name did not publish"
		exit 1
	fi
}

# the first run of a fresh application copy writes its CDS archive, or has its AOT cache trained after
# it (the launcher's training load of a generated city): untimed, one district
if ! ls "$HOUT"/app/app.jsa "$HOUT"/app/app-*.aot > /dev/null 2>&1; then
	"${APP[@]}" run --pipelines "$HOUT/pipelines" --landing "$HOUT/landing-last" --district 500229 \
		--warehouse "$HOUT/training/talent.duckdb" > "$LOGS/training.out" 2>&1 || true
	rm -rf "$HOUT/training"
fi

rm -rf "$HOUT/landing/$INCREMENTAL_DISTRICT/$NEXT_MONTH" "$HOUT/landing-last/$INCREMENTAL_DISTRICT/$NEXT_MONTH"
load one-snapshot-load "$HOUT/landing-last" "$HOUT/one/talent.duckdb"
load history-load "$HOUT/landing" "$HOUT/history/talent.duckdb"
HISTORY_LOAD_S=$(wall_seconds "$LOGS/history-load.time")
query() {
	"${APP[@]}" query --warehouse "$1" --format csv "$2" | tail -1 | tr -d '\r'
}
SNAPSHOTS=$(query "$HOUT/history/talent.duckdb" "select max(n) from (select district_code, count(distinct snapshot_date) as n from ops.source_counts where source = 'roster' group by all)")
HISTORY_ROWS=$(query "$HOUT/history/talent.duckdb" "select sum(loaded) from ops.source_counts where source = 'roster'")
mb() { du -m "$1" | cut -f1; }
WAREHOUSE_MB=$(mb "$HOUT/history/talent.duckdb")
ONE_MB=$(mb "$HOUT/one/talent.duckdb")
for which in one history; do
	rm -rf "$HOUT/$which-published"
	cp -r "$HOUT/$which" "$HOUT/$which-published"
done

# one night: the district's newest month again, dated a month later, into a restored warehouse
night() {
	local which=$1 landing=$2 k=$3
	rm -rf "$HOUT/$which"
	cp -r "$HOUT/$which-published" "$HOUT/$which"
	local source
	source=$(ls -d "$landing/$INCREMENTAL_DISTRICT"/????-??-?? | tail -1)
	cp -r "$source" "$landing/$INCREMENTAL_DISTRICT/$NEXT_MONTH"
	# the build's phases in the log (working copy, seeds and migrations, each build script, checkpoint)
	if ! timed "night-$which-$k" env "JAVA_OPTS=-Xmx$XMX -Dlogging.level.cq.talentwarehouse.load=DEBUG" \
		"$HOUT/app/bin/talent-warehouse" run --pipelines "$HOUT/pipelines" --landing "$landing" \
		--warehouse "$HOUT/$which/talent.duckdb"; then
		tail -20 "$LOGS/night-$which-$k.out" >&2
		say "the night on the $which warehouse failed"
		exit 1
	fi
	rm -rf "$landing/$INCREMENTAL_DISTRICT/$NEXT_MONTH"
	wall_seconds "$LOGS/night-$which-$k.time"
}

ONE=()
HIST=()
LINES=""
for k in $(seq 1 "$NIGHTS"); do
	before=$(loadavg)
	if ((k % 2 == 1)); then
		one_s=$(night one "$HOUT/landing-last" "$k")
		history_s=$(night history "$HOUT/landing" "$k")
	else
		history_s=$(night history "$HOUT/landing" "$k")
		one_s=$(night one "$HOUT/landing-last" "$k")
	fi
	ONE+=("$one_s")
	HIST+=("$history_s")
	line="night=$k one_snapshot_s=$one_s history_s=$history_s"
	line+=" ratio=$(awk -v h="$history_s" -v o="$one_s" 'BEGIN { printf "%.3f", h / o }') loadavg_before=$before loadavg_after=$(loadavg)"
	say "$line"
	LINES+="$line"$'\n'
done
rm -rf "$HOUT/one-published" "$HOUT/history-published"

ONE_S=$(median "${ONE[@]}")
HIST_S=$(median "${HIST[@]}")
echo "history_scale=$HISTORY_SCALE"
echo "history_snapshots=$SNAPSHOTS"
echo "history_rows=$HISTORY_ROWS"
echo "history_load_s=$HISTORY_LOAD_S"
echo "one_snapshot_warehouse_mb=$ONE_MB"
echo "warehouse_mb=$WAREHOUSE_MB"
printf '%s' "$LINES"
echo "one_snapshot_incremental_s=$ONE_S"
echo "history_incremental_s=$HIST_S"
[[ -n "${LOAD_S:-}" ]] && awk -v h="$HIST_S" -v l="$LOAD_S" 'BEGIN { printf "history_night_share=%.3f\n", h / l }'
awk -v h="$HIST_S" -v o="$ONE_S" 'BEGIN { printf "history_ratio=%.3f\n", h / o }'
