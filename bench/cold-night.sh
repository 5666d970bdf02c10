#!/usr/bin/env bash
# A cron-started night on each Java the launcher can run, alternated: one district sends its next
# snapshot and a fresh process (bin/talent-warehouse run) loads it into the published city. Needs
# the city bench/municipal.sh published ($OUT/warehouse, $OUT/landing, $OUT/pipelines).
#
#   bench/cold-night.sh                       # NIGHTS=3 rounds: Java 17 + CDS archive, Java 25 + AOT cache
#   JAVA25_HOME=/opt/jdk-25 bench/cold-night.sh
#
# Each variant's archive is written by an untimed first run (one small district), its cache trained
# after it (a generated city), as the launcher does in production. First a full load of the city on each (FULL=0 skips them), the
# yardstick in the same sitting; then NIGHTS rounds of one night on each, alternated. Prints a line
# per round (round=K java17_s= java25_s= java17_cpu_s= java25_cpu_s= ...; CPU is user + system, less
# disturbed by other processes than wall time), the medians java17_night_s=, java25_night_s=,
# java17_night_cpu_s= and java25_night_cpu_s=, the
# full loads java17_full_s= and java25_full_s=, and each night's share of its own full load
# (java17_night_ratio=, java25_night_ratio=).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/measure.sh
source bench/measure.sh

OUT="${OUT:-bench/out/municipal}"
NIGHTS="${NIGHTS:-3}"
XMX="${XMX:-1g}"
INCREMENTAL_DISTRICT="${INCREMENTAL_DISTRICT:-yongchuan}"
# later than bench/municipal.sh's night (2025-03-31), which the city it leaves published has loaded already
INCREMENTAL_DATE="${INCREMENTAL_DATE:-2025-06-30}"
JAR="${JAR:-target/talent-warehouse.jar}"
UNPACKED="${JAR%.jar}"
LOGS="$OUT/logs"
APP_DIR="$OUT/cold-app"

say() { echo "[cold-night] $*" >&2; }

[[ -x /usr/bin/time ]] || { echo "bench/cold-night.sh needs GNU time: apt-get install -y time" >&2; exit 1; }
[[ -f "$OUT/warehouse/talent.duckdb" ]] || { echo "no published city in $OUT/warehouse: run bench/municipal.sh first" >&2; exit 1; }
JAVA25_HOME="${JAVA25_HOME:-$(for h in /usr/lib/jvm/*/; do
	[[ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$h/release" 2> /dev/null)" -ge 25 ]] 2> /dev/null && echo "${h%/}"
done | tail -1)}"
[[ -n "$JAVA25_HOME" ]] || { echo "no JDK 25 under /usr/lib/jvm (set JAVA25_HOME)" >&2; exit 1; }
[[ -x "$UNPACKED/bin/talent-warehouse" ]] || mvn -B -q package -DskipTests
mkdir -p "$LOGS"
rm -rf "$APP_DIR" "$OUT/cold-city"
cp -r "$UNPACKED" "$APP_DIR"
cp -r "$OUT/warehouse" "$OUT/cold-city"
rm -rf "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"
SOURCE_SNAPSHOT=$(ls -d "$OUT/landing/$INCREMENTAL_DISTRICT"/????-??-?? | head -1)

# the build's phases in each log (working copy, seeds and migrations, each build script, tests)
PHASES="-Dlogging.level.cq.talentwarehouse.load=DEBUG"

# the launcher on the PATH's Java (17 here, the JDK search off) or on the JDK 25
variant() {
	case "$1" in
		java17) VARIANT=(env -u TALENT_JAVA_HOME -u JAVA_HOME "JAVA_OPTS=-Xmx$XMX $PHASES" TALENT_JDK_DIRS=none "$APP_DIR/bin/talent-warehouse") ;;
		java25) VARIANT=(env "JAVA_OPTS=-Xmx$XMX $PHASES" "TALENT_JAVA_HOME=$JAVA25_HOME" "$APP_DIR/bin/talent-warehouse") ;;
	esac
}

for v in java17 java25; do
	variant "$v"
	say "$v: the first run writes its archive or cache (untimed; log: $LOGS/cold-training-$v.out)"
	rm -rf "$OUT/cold-training"
	"${VARIANT[@]}" run --pipelines "$OUT/pipelines" --landing "$OUT/landing" --district 500229 \
		--warehouse "$OUT/cold-training/talent.duckdb" > "$LOGS/cold-training-$v.out" 2>&1 || true
	rm -rf "$OUT/cold-training"
done
ls "$APP_DIR" | grep -E '\.(jsa|aot)$' | sed 's/^/[cold-night] written: /' >&2

# the yardstick, in the same sitting: a full load of the city on each variant (FULL=0 skips it)
full() {
	local v=$1
	variant "$v"
	rm -rf "$OUT/cold-full"
	say "$v: full load of the city (log: $LOGS/cold-full-$v.out)"
	/usr/bin/time -v -o "$LOGS/cold-full-$v.time" "${VARIANT[@]}" run --pipelines "$OUT/pipelines" --landing "$OUT/landing" \
		--warehouse "$OUT/cold-full/talent.duckdb" > "$LOGS/cold-full-$v.out" 2>&1 || { tail -20 "$LOGS/cold-full-$v.out" >&2; exit 1; }
	rm -rf "$OUT/cold-full"
	wall_seconds "$LOGS/cold-full-$v.time"
}

night() {
	local v=$1 k=$2
	variant "$v"
	rm -rf "$OUT/cold-warehouse"
	cp -r "$OUT/cold-city" "$OUT/cold-warehouse"
	cp -r "$SOURCE_SNAPSHOT" "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"
	/usr/bin/time -v -o "$LOGS/cold-$v-$k.time" "${VARIANT[@]}" run --pipelines "$OUT/pipelines" --landing "$OUT/landing" \
		--warehouse "$OUT/cold-warehouse/talent.duckdb" > "$LOGS/cold-$v-$k.out" 2>&1 \
		|| { tail -20 "$LOGS/cold-$v-$k.out" >&2; exit 1; }
	rm -rf "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"
	# a night that found nothing new measures the start only
	grep -q ", 1 new or changed" "$LOGS/cold-$v-$k.out" \
		|| { echo "the $v night loaded nothing new (see $LOGS/cold-$v-$k.out)" >&2; exit 1; }
	echo "$(wall_seconds "$LOGS/cold-$v-$k.time") $(cpu_seconds "$LOGS/cold-$v-$k.time")"
}

FULL17=""
FULL25=""
if [[ "${FULL:-1}" == 1 ]]; then
	before=$(loadavg)
	FULL17=$(full java17)
	FULL25=$(full java25)
	say "java17_full_s=$FULL17 java25_full_s=$FULL25 loadavg_before=$before loadavg_after=$(loadavg)"
fi

J17=()
J25=()
C17=()
C25=()
for k in $(seq 1 "$NIGHTS"); do
	before=$(loadavg)
	if ((k % 2 == 1)); then
		read -r a ac <<< "$(night java17 "$k")"
		read -r b bc <<< "$(night java25 "$k")"
	else
		read -r b bc <<< "$(night java25 "$k")"
		read -r a ac <<< "$(night java17 "$k")"
	fi
	J17+=("$a")
	J25+=("$b")
	C17+=("$ac")
	C25+=("$bc")
	line="round=$k java17_s=$a java25_s=$b java17_cpu_s=$ac java25_cpu_s=$bc loadavg_before=$before loadavg_after=$(loadavg)"
	say "$line"
	echo "$line"
done
rm -rf "$OUT/cold-warehouse" "$OUT/cold-city"
A=$(median "${J17[@]}")
B=$(median "${J25[@]}")
echo "java17_night_s=$A"
echo "java25_night_s=$B"
echo "java17_night_cpu_s=$(median "${C17[@]}")"
echo "java25_night_cpu_s=$(median "${C25[@]}")"
if [[ -n "$FULL17" ]]; then
	echo "java17_full_s=$FULL17"
	echo "java25_full_s=$FULL25"
	awk -v a="$A" -v b="$B" -v f="$FULL17" -v g="$FULL25" 'BEGIN { printf "java17_night_ratio=%.3f\njava25_night_ratio=%.3f\n", a / f, b / g }'
fi
