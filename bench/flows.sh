#!/usr/bin/env bash
# Talent flow views at city scale: the whole city generated at SCALE, then a second roster of every
# district a year later (a copy of its files under 2025-12-31, the CSV rosters without every 20th
# record: people who left, some of them still on another district's roster), both loaded, then
# every mart view read in full, best of three (bench.ReadCsvReference views). The flow views are
# mart.district_talent_flows and mart.municipal_talent_flows; the target is < 1 s each.
#   bench/flows.sh                    # SCALE=0.25 into bench/out/flows
#   SCALE=1.0 OUT=bench/out/flows-full bench/flows.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

JAR="${JAR:-target/talent-warehouse.jar}"
OUT="${OUT:-bench/out/flows}"
SCALE="${SCALE:-0.25}"
SEED="${SEED:-20231231}"
LATER="${LATER:-2025-12-31}"

say() { echo "[flows] $*" >&2; }

[[ -f "$JAR" ]] || mvn -B -q package -DskipTests
mkdir -p "$OUT"
# a private copy: a rebuild of target/ while the benchmark runs would pull classes from under the JVM
cp "$JAR" "$OUT/talent-warehouse.jar"
APP="$OUT/talent-warehouse.jar"

if [[ ! -f "$OUT/generated.txt" ]] || ! grep -qx "scale=$SCALE seed=$SEED" "$OUT/generated.txt"; then
	say "generating 38 districts at scale $SCALE into $OUT"
	rm -rf "$OUT/landing" "$OUT/pipelines"
	java -jar "$APP" generate --districts all --scale "$SCALE" --seed "$SEED" --out "$OUT" >&2 || true
	[[ -d "$OUT/landing" ]] || { echo "generation failed" >&2; exit 1; }
	echo "scale=$SCALE seed=$SEED" > "$OUT/generated.txt"
fi

say "a second roster of every district on $LATER"
for district in "$OUT"/landing/*/; do
	first=$(find "$district" -mindepth 1 -maxdepth 1 -type d ! -name "$LATER" | sort | tail -1)
	[[ -n "$first" ]] || continue
	later="$district$LATER"
	rm -rf "$later"
	cp -r "$first" "$later"
	for roster in "$later"/*; do
		case "$(basename "$roster")" in
			*花名册*.csv | *花名冊*.csv | *roster*.csv | *人才名册*.csv | *人才名冊*.csv)
				# keep the header, drop every 20th record
				awk 'NR == 1 || (NR - 1) % 20 != 0' "$roster" > "$roster.tmp" && mv "$roster.tmp" "$roster" ;;
		esac
	done
done

rm -rf "$OUT/warehouse"
say "loading both rosters of every district"
start=$(date +%s.%N)
java -Xmx1g -jar "$APP" run --pipelines "$OUT/pipelines" --landing "$OUT/landing" --warehouse "$OUT/warehouse/talent.duckdb" \
	> "$OUT/load.out" 2>&1 || { tail -20 "$OUT/load.out" >&2; }
end=$(date +%s.%N)
say "loaded in $(echo "$end - $start" | bc) s ($(grep -c . "$OUT/load.out") lines of output in $OUT/load.out)"

say "mart views, best of three full reads each"
java -cp "$APP" -Dloader.main=cq.talentwarehouse.bench.ReadCsvReference \
	org.springframework.boot.loader.launch.PropertiesLauncher views "$OUT/warehouse/talent.duckdb"
