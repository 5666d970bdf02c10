#!/usr/bin/env bash
# Municipal-scale benchmark: the whole city (38 districts, ~6.8 million roster rows at SCALE=1.0; SCALE=1.16
# gives the ~7.8 million the measurements in README.md and docs/scaling.md were taken on)
# loaded by `run`, against DuckDB's own read_csv of the same raw files.
#
#   bench/municipal.sh                 # generates bench/out/municipal once, then measures
#   SCALE=0.1 OUT=bench/out/m10 bench/municipal.sh
#   PAIRS=5 NIGHTS=3 bench/municipal.sh  # five pairs of full load and reference, three cold nights
#   HISTORY=12 bench/municipal.sh      # then a night on twelve monthly snapshots (bench/history.sh, HISTORY_SCALE=0.25)
#   PROFILE=1 bench/municipal.sh       # also records the full load with JFR and prints where it spends time
#   SCHEDULED=0 bench/municipal.sh     # skips the nights handed to a running schedule (a minute)
#   HANDED=5 bench/municipal.sh        # five handed nights instead of three
#   HANDED_PAUSE=0 bench/municipal.sh  # hand the nights over back to back (default: 5 s apart)
#   CDS=0 bench/municipal.sh           # the launcher without its class-data-sharing archive
#   LAYOUT=fat bench/municipal.sh      # plain `java -Xmx1g -jar target/talent-warehouse.jar` instead of the launcher
#   SERVE=0 bench/municipal.sh         # skips serving to PostgreSQL (serve_s=)
#   TALENT_SERVE_URL=jdbc:postgresql://… TALENT_SERVE_USER=… bench/municipal.sh   # serve to that server
#                                      # instead of a throwaway local one (bench/local-postgres.sh)
#
# The application runs as production runs it (docs/operations.md "Running in production"): through
# the launcher of the unpacked layout `mvn package` writes to target/talent-warehouse/
# (bin/talent-warehouse: class-data-sharing archive, JIT settings), with -Xmx1g. The launcher writes
# its archive during the first `run` (on Java 25+ its AOT cache after it, from a training load of a
# generated city); here that is an untimed run of the smallest district (like the
# reference's UTF-8 copies, preparation, not measurement).
# Steps: build the jar if missing; generate the data if absent (or made with another scale/seed);
# PAIRS (default 3) alternated pairs of a full load into a fresh warehouse (wall time and peak RSS)
# and the DuckDB reference (untimed UTF-8 copies of GB18030 files, then timed read_csv of every raw
# file), odd pairs load first, even pairs reference first; NIGHTS (default PAIRS) cold nights, each
# a fresh process loading one district's later snapshot (a copy of its files under a new date) into
# the published city; the city and three nights handed from fresh `run` processes to one `schedule` process; each mart view read in full
# inside one JVM; the published warehouse served to PostgreSQL (`serve`, timed; then a serve during
# which the local server is stopped, and the serve that repairs it). Load averages are printed beside
# every pair and night: compare only numbers taken in one sitting. Progress and logs go to stderr
# and $OUT/logs; the summary goes to stdout and ends with rows=, load_s= and duckdb_s= (medians),
# one line per pair (pair=K load_s= duckdb_s= ratio= ...) and the median of the pairs' ratios as
# the last line, ratio=.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/measure.sh
source bench/measure.sh

JAR="${JAR:-target/talent-warehouse.jar}"
LAYOUT="${LAYOUT:-unpacked}"
CDS="${CDS:-1}"
# the smallest roster of the city (~38k people): the launcher's first run, which writes the archive
# or has the cache trained, loads it
TRAINING_DISTRICT="${TRAINING_DISTRICT:-500229}"
OUT="${OUT:-bench/out/municipal}"
SCALE="${SCALE:-1.0}"
SEED="${SEED:-20231231}"
XMX="${XMX:-1g}"
# the district whose new snapshot makes the incremental night: a mid-sized roster (~218k people)
INCREMENTAL_DISTRICT="${INCREMENTAL_DISTRICT:-yongchuan}"
INCREMENTAL_DATE="${INCREMENTAL_DATE:-2025-03-31}"
PROFILE="${PROFILE:-0}"
# alternated pairs of full load and reference; cold nights (fresh process, one district)
PAIRS="${PAIRS:-3}"
NIGHTS="${NIGHTS:-$PAIRS}"

# the loads are measured without serving; the serve is measured on its own (serve_s=)
SERVE_URL="${TALENT_SERVE_URL:-}"
SERVE_USER="${TALENT_SERVE_USER:-}"
unset TALENT_SERVE_URL TALENT_SERVE_USER
SERVE="${SERVE:-1}"
PG_PORT="${PG_PORT:-55433}"

LOGS="$OUT/logs"
WAREHOUSE="$OUT/warehouse/talent.duckdb"
REFERENCE_MAIN=cq.talentwarehouse.bench.ReadCsvReference

say() { echo "[municipal] $*" >&2; }

if [[ ! -x /usr/bin/time ]]; then
	if [[ $(id -u) -eq 0 ]] && command -v apt-get > /dev/null; then
		say "installing GNU time (apt-get install -y time)"
		apt-get install -y -q time > /dev/null || { apt-get update -q > /dev/null && apt-get install -y -q time > /dev/null; }
	else
		echo "bench/municipal.sh needs GNU time for wall time and peak RSS: apt-get install -y time" >&2
		exit 1
	fi
fi

UNPACKED="${JAR%.jar}"
if [[ ! -f "$JAR" || ! -x "$UNPACKED/bin/talent-warehouse" ]]; then
	say "building $JAR and $UNPACKED/"
	mvn -B -q package -DskipTests
fi
mkdir -p "$OUT" "$LOGS"
# a private copy: a rebuild of target/ while the benchmark runs would pull classes from under the JVM
rm -rf "$OUT/app"
if [[ "$LAYOUT" == fat ]]; then
	mkdir -p "$OUT/app"
	cp "$JAR" "$OUT/app/talent-warehouse.jar"
else
	cp -r "$UNPACKED" "$OUT/app"
fi
APP="$OUT/app/talent-warehouse.jar"

# the reference and the view timer (bench.ReadCsvReference) from the same build; a thin jar's
# manifest puts lib/ on the class path, the executable jar needs Spring Boot's launcher for that
yardstick() {
	if [[ "$LAYOUT" == fat ]]; then
		java -cp "$APP" -Dloader.main="$REFERENCE_MAIN" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
	else
		java -cp "$APP" "$REFERENCE_MAIN" "$@"
	fi
}

# the application's command line; extra JVM options (the profile's) go in JAVA_OPTS
application() {
	local extra="${1:-}"
	if [[ "$LAYOUT" == fat ]]; then
		# shellcheck disable=SC2206 # a list of options
		APPLICATION=(java -Xmx"$XMX" $extra -jar "$APP")
	else
		APPLICATION=(env "JAVA_OPTS=-Xmx$XMX $extra" "TALENT_CDS=$([[ "$CDS" == 1 ]] && echo auto || echo off)"
			"$OUT/app/bin/talent-warehouse")
	fi
}
application

# --- data -------------------------------------------------------------------------------------

MARKER="$OUT/generated.txt"
if [[ ! -f "$MARKER" ]] || ! grep -qx "scale=$SCALE seed=$SEED" <(head -1 "$MARKER"); then
	say "generating 38 districts at scale $SCALE into $OUT (once)"
	rm -rf "$OUT/landing" "$OUT/pipelines" "$MARKER"
	timed generate "${APPLICATION[@]}" generate --districts all --scale "$SCALE" --seed "$SEED" --out "$OUT" \
		|| { cat "$LOGS/generate.out" >&2; exit 1; }
	{
		echo "scale=$SCALE seed=$SEED"
		echo "generate_s=$(wall_seconds "$LOGS/generate.time")"
		echo "generate_peak_rss_mb=$(peak_rss_mb "$LOGS/generate.time")"
		cat "$LOGS/generate.out"
	} > "$MARKER"
fi
say "$(sed -n 4p "$MARKER")"

# a full load starts from nothing; a previous run's incremental snapshot is not part of the city
rm -rf "$OUT/warehouse" "$OUT/reference" "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"

RUN=(run --pipelines "$OUT/pipelines" --landing "$OUT/landing" --warehouse "$WAREHOUSE")

# --- class-data-sharing archive or AOT cache ------------------------------------------------
# The launcher runs Java 25+ with an AOT cache when one is installed, else Java 17 with a
# class-data-sharing archive (TALENT_JDK_DIRS=none measures the PATH's Java; TALENT_JAVA_HOME
# names one); either is written by its first `run`.

CACHE_FILE=none
if [[ "$LAYOUT" != fat && "$CDS" == 1 ]]; then
	say "class-data-sharing archive / AOT cache: the launcher's first run, $TRAINING_DISTRICT only, and on Java 25+ the cache's training load after it (untimed; log: $LOGS/cds-training.out)"
	rm -rf "$OUT/cds-training" "$OUT"/app/app.jsa "$OUT"/app/app-*.aot
	"${APPLICATION[@]}" run --pipelines "$OUT/pipelines" --landing "$OUT/landing" --district "$TRAINING_DISTRICT" \
		--warehouse "$OUT/cds-training/talent.duckdb" > "$LOGS/cds-training.out" 2>&1 || true
	CACHE_FILE=$(cd "$OUT/app" && ls app.jsa app-*.aot 2> /dev/null | head -1 || true)
	if [[ -z "$CACHE_FILE" ]]; then
		say "the training run wrote no archive or cache; measuring without it"
		CACHE_FILE=none
		CDS=0
		application
	fi
	rm -rf "$OUT/cds-training"
fi

# --- full loads and the reference, in alternated pairs -------------------------------------------
# One pair is a full load into a fresh warehouse and DuckDB's own ingest of the same raw files, run
# back to back; odd pairs run the load first, even pairs the reference first, so that a drift of the
# machine falls on both sides. Each pair's ratio is printed, and their median as the last line.

FULL_JVM=""
if [[ "$PROFILE" == 1 ]]; then
	rm -f "$LOGS/load.jfr"
	# Spring Batch emits a JFR event per item read and processed: millions of them would fill the
	# recording (the oldest chunks, the staging, would be dropped) and slow the load being measured
	cat > "$LOGS/no-item-events.jfc" << 'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="profile without per-item Spring Batch events">
  <event name="org.springframework.batch.core.observability.jfr.events.step.chunk.ItemReadEvent"><setting name="enabled">false</setting></event>
  <event name="org.springframework.batch.core.observability.jfr.events.step.chunk.ItemProcessEvent"><setting name="enabled">false</setting></event>
</configuration>
EOF
	FULL_JVM="-XX:StartFlightRecording=filename=$LOGS/load.jfr,maxsize=1g,settings=profile,settings=$LOGS/no-item-events.jfc"
	FULL_JVM+=" -Dlogging.level.cq.talentwarehouse.load.WarehouseBuilder=DEBUG"
fi

full_load() {
	local k=$1
	say "pair $k: full load of every district (log: $LOGS/load-$k.out)"
	rm -rf "$OUT/warehouse"
	# a profile records the last pair's load only
	application "$([[ $k == "$PAIRS" ]] && echo "$FULL_JVM")"
	if ! timed "load-$k" "${APPLICATION[@]}" "${RUN[@]}"; then
		tail -20 "$LOGS/load-$k.out" >&2
		say "the full load did not publish everything (exit code above); no numbers"
		exit 1
	fi
	application
	cp "$LOGS/load-$k.out" "$LOGS/load.out"
}

reference() {
	local k=$1
	say "pair $k: DuckDB read_csv of the same raw files (log: $LOGS/reference-$k.out)"
	rm -rf "$OUT/reference"
	yardstick csv "$OUT/pipelines" "$OUT/landing" "$OUT/reference" \
		> "$LOGS/reference-$k.out" 2>&1 || { cat "$LOGS/reference-$k.out" >&2; exit 1; }
	rm -rf "$OUT/reference"
	cp "$LOGS/reference-$k.out" "$LOGS/reference.out"
}

PAIR_LINES=""
LOADS=()
REFERENCES=()
RATIOS=()
LOAD_RSS=0
for k in $(seq 1 "$PAIRS"); do
	before=$(loadavg)
	if ((k % 2 == 1)); then
		full_load "$k"
		reference "$k"
	else
		reference "$k"
		full_load "$k"
	fi
	pair_load_s=$(wall_seconds "$LOGS/load-$k.time")
	pair_rss=$(peak_rss_mb "$LOGS/load-$k.time")
	((pair_rss > LOAD_RSS)) && LOAD_RSS=$pair_rss
	pair_duckdb_s=$(sed -n 's/^duckdb_s=//p' "$LOGS/reference-$k.out")
	pair_ratio=$(awk -v l="$pair_load_s" -v d="$pair_duckdb_s" 'BEGIN { printf "%.3f", l / d }')
	LOADS+=("$pair_load_s")
	REFERENCES+=("$pair_duckdb_s")
	RATIOS+=("$pair_ratio")
	# the load's CPU and its roster steps' seconds (staging alone, from the run report) beside the
	# wall time: the host's speed moves both sides of a pair, and a change in one phase shows here
	pair_cpu_s=$(cpu_seconds "$LOGS/load-$k.time")
	pair_roster_s=$(awk -F'|' '$4 ~ /^ *roster *$/ { s += $9 } END { printf "%.1f", s }' "$LOGS/load-$k.out")
	line="pair=$k load_s=$pair_load_s duckdb_s=$pair_duckdb_s ratio=$pair_ratio peak_rss_mb=$pair_rss"
	line+=" load_cpu_s=$pair_cpu_s roster_step_s=$pair_roster_s loadavg_before=$before loadavg_after=$(loadavg)"
	say "$line"
	PAIR_LINES+="$line"$'\n'
done
LOAD_S=$(median "${LOADS[@]}")
DUCKDB_S=$(median "${REFERENCES[@]}")
RATIO=$(median "${RATIOS[@]}")
DUCKDB_ROWS=$(sed -n 's/^duckdb_rows=//p' "$LOGS/reference.out")
DUCKDB_SKIPPED=$(sed -n 's/^duckdb_skipped=//p' "$LOGS/reference.out")

application
COUNTS=$("${APPLICATION[@]}" query --warehouse "$WAREHOUSE" --format csv \
	"select sum(read), sum(read) filter (where source = 'roster'), sum(quarantined) from ops.source_counts where run_id = (select max(run_id) from ops.runs)" \
	| tail -1 | tr -d '\r')
ROWS=$(cut -d, -f1 <<< "$COUNTS")
ROSTER_ROWS=$(cut -d, -f2 <<< "$COUNTS")
QUARANTINED=$(cut -d, -f3 <<< "$COUNTS")

# where the time went, from the run report's Spring Batch timers
STEPS=""
REPORT=$(ls -t "$OUT"/warehouse/runs/*/report.json 2> /dev/null | head -1 || true)
if [[ -n "$REPORT" ]] && command -v python3 > /dev/null; then
	STEPS=$(python3 - "$REPORT" << 'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
for m in report.get("metrics") or []:
    if m["name"] == "spring.batch.step":
        tags = dict(t.split("=", 1) for t in m["tags"].split(","))
        step = tags.get("spring.batch.step.name")
        print(f"step={step} count={m['count']} total_s={m['totalSeconds']:.1f} max_s={m['maxSeconds']:.1f}")
EOF
)
fi

# --- cold nights ------------------------------------------------------------------------------
# A cron-started night: one district sends a later snapshot (a copy of its files under a new date)
# and a fresh process loads it into the city's warehouse. NIGHTS times (default PAIRS), each from the
# same published city (the warehouse folder restored from a copy), median reported.

SOURCE_SNAPSHOT=$(ls -d "$OUT/landing/$INCREMENTAL_DISTRICT"/????-??-?? | head -1)
rm -rf "$OUT/warehouse-city"
cp -r "$OUT/warehouse" "$OUT/warehouse-city"
NIGHT_LINES=""
NIGHT_TIMES=()
INCREMENTAL_RSS=0
for k in $(seq 1 "$NIGHTS"); do
	rm -rf "$OUT/warehouse"
	cp -r "$OUT/warehouse-city" "$OUT/warehouse"
	cp -r "$SOURCE_SNAPSHOT" "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"
	before=$(loadavg)
	say "cold night $k: $INCREMENTAL_DISTRICT sends $INCREMENTAL_DATE (log: $LOGS/incremental-$k.out)"
	if ! timed "incremental-$k" "${APPLICATION[@]}" "${RUN[@]}"; then
		tail -20 "$LOGS/incremental-$k.out" >&2
		say "the incremental load failed"
		exit 1
	fi
	rm -rf "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"
	night_s=$(wall_seconds "$LOGS/incremental-$k.time")
	night_rss=$(peak_rss_mb "$LOGS/incremental-$k.time")
	((night_rss > INCREMENTAL_RSS)) && INCREMENTAL_RSS=$night_rss
	NIGHT_TIMES+=("$night_s")
	line="night=$k incremental_s=$night_s loadavg_before=$before loadavg_after=$(loadavg)"
	say "$line"
	NIGHT_LINES+="$line"$'\n'
done
rm -rf "$OUT/warehouse-city"
INCREMENTAL_S=$(median "${NIGHT_TIMES[@]}")
# the published warehouse after one night is what the views below read
cp -r "$SOURCE_SNAPSHOT" "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"

# --- nights handed to a running schedule ------------------------------------------------------
# Production runs `schedule`: one long-lived JVM, so JVM and Spring start, the DuckDB library load
# and JIT warm-up are paid once, not per night; a `run` started by cron or by hand while it is up is
# handed to it (schedule.RunHandoff) and prints what the schedule's run prints. Here a schedule
# that never fires on its own takes, from fresh `run` processes: the whole city into a fresh
# warehouse, then HANDED (default 3) nights of the incremental district, each a new snapshot date.
# scheduled_*_s are the runs' own times (report startedAt..finishedAt: plan, stage, build, test,
# publish); handed_night_s is the median whole-process time of the `run` commands of those nights
# (what a cron-started night costs), handed_ratio that time over the full loads' median. Nights
# come HANDED_PAUSE (5) seconds apart: production's come a day apart, and between runs the schedule
# prepares the next night's working copy (run.NextRunPreparation), which a night arriving sooner waits for.

HANDED="${HANDED:-3}"
HANDED_PAUSE="${HANDED_PAUSE:-5}"
if [[ "${SCHEDULED:-1}" == 1 ]]; then
	SCHED_DIR="$OUT/schedule-warehouse"
	rm -rf "$SCHED_DIR" "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"
	say "nights handed to a schedule: the city, then $HANDED of $INCREMENTAL_DISTRICT's snapshots (log: $LOGS/schedule.out)"
	"${APPLICATION[@]}" schedule --cron "0 0 2 1 1 *" --pipelines "$OUT/pipelines" --landing "$OUT/landing" \
		--warehouse "$SCHED_DIR/talent.duckdb" > "$LOGS/schedule.out" 2>&1 &
	SCHED_PID=$!
	HANDED_RUN=(run --pipelines "$OUT/pipelines" --landing "$OUT/landing" --warehouse "$SCHED_DIR/talent.duckdb")
	SCHED_OK=0
	for _ in $(seq 1 240); do
		[[ -f "$SCHED_DIR/schedule.port" ]] && { SCHED_OK=1; break; }
		kill -0 "$SCHED_PID" 2> /dev/null || break
		sleep 0.5
	done
	# a failure here is reported and skipped: the full-load measurement above stands on its own
	if [[ $SCHED_OK == 1 ]] && ! timed handed-full "${APPLICATION[@]}" "${HANDED_RUN[@]}"; then
		SCHED_OK=0
	fi
	if [[ $SCHED_OK == 1 ]] && ! grep -q "Handed to the running schedule" "$LOGS/handed-full.out"; then
		SCHED_OK=0
	fi
	HANDED_TIMES=()
	HANDED_LINES=""
	for k in $(seq 1 "$HANDED"); do
		[[ $SCHED_OK == 1 ]] || break
		sleep "$HANDED_PAUSE"
		night_date=$(date -d "$INCREMENTAL_DATE + $((k - 1)) month" +%F)
		cp -r "$SOURCE_SNAPSHOT" "$OUT/landing/$INCREMENTAL_DISTRICT/$night_date"
		before=$(loadavg)
		if ! timed "handed-$k" "${APPLICATION[@]}" "${HANDED_RUN[@]}"; then
			tail -20 "$LOGS/handed-$k.out" >&2
			SCHED_OK=0
		fi
		rm -rf "$OUT/landing/$INCREMENTAL_DISTRICT/$night_date"
		night_s=$(wall_seconds "$LOGS/handed-$k.time")
		HANDED_TIMES+=("$night_s")
		line="handed_night=$k handed_s=$night_s client_cpu_s=$(cpu_seconds "$LOGS/handed-$k.time") loadavg_before=$before loadavg_after=$(loadavg)"
		say "$line"
		HANDED_LINES+="$line"$'\n'
	done
	kill -TERM "$SCHED_PID" 2> /dev/null || true
	wait "$SCHED_PID" 2> /dev/null || true
	if [[ $SCHED_OK != 1 ]]; then
		tail -20 "$LOGS/schedule.out" >&2
		say "a night handed to the schedule did not publish; no scheduled_ or handed_ lines"
	else
		HANDED_S=$(median "${HANDED_TIMES[@]}")
		SCHEDULED_LINES=$(python3 - "$SCHED_DIR/runs" << 'EOF2'
import datetime, glob, json, statistics, sys
runs = []
for f in glob.glob(sys.argv[1] + "/*/report.json"):
    r = json.load(open(f))
    if r.get("status") == "published":
        start = datetime.datetime.fromisoformat(r["startedAt"][:26])
        end = datetime.datetime.fromisoformat(r["finishedAt"][:26])
        runs.append((start, (end - start).total_seconds()))
runs.sort()
full = runs[0][1]
nights = [t for _, t in runs[1:]]
incremental = statistics.median(nights)
print(f"scheduled_full_s={full:.2f}")
print(f"scheduled_nights_s={','.join(f'{t:.2f}' for t in nights)}")
print(f"scheduled_incremental_s={incremental:.2f}")
print(f"scheduled_incremental_ratio={incremental / full:.3f}")
EOF2
)
		SCHEDULED_LINES+=$'\n'"${HANDED_LINES}handed_pause_s=$HANDED_PAUSE"$'\n'"handed_night_s=$HANDED_S"$'\n'
		SCHEDULED_LINES+=$(awk -v h="$HANDED_S" -v l="$LOAD_S" 'BEGIN { printf "handed_ratio=%.3f", h / l }')
	fi
	rm -rf "$SCHED_DIR"
fi
# the landing zone as generated: a later full load (or a load by hand) must not pick up the extra snapshot
rm -rf "$OUT/landing/$INCREMENTAL_DISTRICT/$INCREMENTAL_DATE"

# --- analyst views ----------------------------------------------------------------------------

say "mart views, best of three full reads each"
yardstick views "$WAREHOUSE" > "$LOGS/views.out" 2> "$LOGS/views.err" \
	|| { cat "$LOGS/views.out" "$LOGS/views.err" >&2; exit 1; }

# --- profile ----------------------------------------------------------------------------------

if [[ "$PROFILE" == 1 ]]; then
	say "JFR: top frames of the full load ($LOGS/profile.txt)"
	# each sample goes to the innermost frame that belongs to a known part of the load, so the
	# shares add up to 100 % (a HashMap.get under Vocabulary.code counts as vocabulary lookup)
	jfr print --events jdk.ExecutionSample --stack-depth 64 "$LOGS/load.jfr" | awk '
		function part(f) {
			if (f ~ /\$Decoder|StreamDecoder/) return "read: decode bytes to chars"
			if (f ~ /\$Encoder|StreamEncoder/) return "stage: encode chars to UTF-8"
			if (f ~ /cq\.talentwarehouse\.stage\.SeenKeys/) return "stage: duplicate check (SeenKeys)"
			if (f ~ /cq\.talentwarehouse\.stage\.(CsvOutput|StagingWriter)/) return "stage: write canonical CSV (StagingWriter, CsvOutput)"
			if (f ~ /cq\.talentwarehouse\.stage\.Pseudonymizer|javax\.crypto|com\.sun\.crypto|sun\.security\.provider/) return "pseudonymize: HMAC-SHA256"
			if (f ~ /cq\.talentwarehouse\.validate\./) return "validate: ID number, credit code"
			if (f ~ /cq\.talentwarehouse\.normalize\.TextNormalizer|java\.text\.Normalizer|jdk\.internal\.icu/) return "normalize: TextNormalizer (NFKC, trim)"
			if (f ~ /cq\.talentwarehouse\.normalize\.(Vocabulary|ChineseScript)/) return "normalize: vocabulary lookup"
			if (f ~ /cq\.talentwarehouse\.normalize\./) return "normalize: dates, quantities, districts"
			if (f ~ /cq\.talentwarehouse\.stage\.RecordNormalizer/) return "normalize: RecordNormalizer own code"
			if (f ~ /org\.apache\.commons\.csv|cq\.talentwarehouse\.source\.CsvRecordParser/) return "read: CSV parsing"
			if (f ~ /cq\.talentwarehouse\.source\.|com\.fasterxml\.jackson\.core|org\.dhatim/) return "read: source readers (own code, json, xlsx)"
			if (f ~ /cq\.talentwarehouse\.pipeline\.SnapshotFingerprint|MessageDigest/) return "fingerprints: SHA-256 of landing files"
			if (f ~ /org\.h2\./) return "job repository (H2)"
			if (f ~ /org\.duckdb\./) return "DuckDB JDBC (Java side)"
			if (f ~ /jdk\.jfr/) return "JFR recording itself"
			if (f ~ /org\.springframework\.(aop|beans\.factory|batch\.core\.scope|core\.(AttributeAccessor|SimpleAlias|BridgeMethod)|util\.ConcurrentReference)/) return "Spring @StepScope proxies: target bean looked up on every call"
			if (f ~ /org\.springframework\.batch|io\.micrometer/) return "Spring Batch chunk loop, observations"
			if (f ~ /org\.springframework|org\.flywaydb|picocli/) return "Spring, Flyway, CLI startup"
			return ""
		}
		/stackTrace = \[/ { in_stack = 1; depth = 0; owner = ""; next }
		in_stack && /^[ \t]*\]/ {
			in_stack = 0; total++
			parts[(owner == "") ? "other (JVM, JDK)" : owner]++
			next
		}
		in_stack {
			frame = $0; sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*/, "", frame)
			if (++depth == 1) self[frame]++
			if (owner == "") owner = part(frame)
		}
		END {
			printf "samples=%d (jdk.ExecutionSample: Java code on CPU; DuckDB works in native threads JFR does not sample)\n", total
			print "-- by part of the load (innermost known frame):"
			for (p in parts) printf "%5.1f%%  %s\n", 100 * parts[p] / total, p | "sort -rn"
			close("sort -rn")
			print "-- top frames (self):"
			for (f in self) printf "%5.1f%%  %s\n", 100 * self[f] / total, f | "sort -rn | head -20"
			close("sort -rn | head -20")
		}' > "$LOGS/profile.txt"
	# wall time of the Java threads waiting in DuckDB, by the project method that called it
	jfr print --events jdk.NativeMethodSample --stack-depth 64 "$LOGS/load.jfr" | awk '
		/stackTrace = \[/ { in_stack = 1; depth = 0; top = ""; caller = ""; next }
		in_stack && /^[ \t]*\]/ {
			in_stack = 0
			if (top ~ /org\.duckdb/) { total++; callers[(caller == "") ? "?" : caller]++ }
			next
		}
		in_stack {
			frame = $0; sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*/, "", frame)
			if (++depth == 1) top = frame
			if (caller == "" && frame ~ /^cq\.talentwarehouse\./) caller = frame
		}
		END {
			printf "-- waiting in DuckDB (jdk.NativeMethodSample, %d samples), by caller:\n", total
			for (c in callers) printf "%5.1f%%  %s\n", 100 * callers[c] / total, c | "sort -rn | head -12"
			close("sort -rn | head -12")
		}' >> "$LOGS/profile.txt"
	grep -hE "sql/(reference|dims|facts|aggregates|ops)/.* took" "$LOGS/load.out" | sed -E 's/^.*(sql\/)/\1/' >> "$LOGS/profile.txt" || true
	cat "$LOGS/profile.txt" >&2
fi

# --- history -----------------------------------------------------------------------------------
# HISTORY=N: what a one-district night costs on a warehouse holding N monthly snapshots of the city,
# against the same night on a warehouse holding one (bench/history.sh, at HISTORY_SCALE)

if [[ "${HISTORY:-0}" -gt 0 ]]; then
	say "history: $HISTORY monthly snapshots (bench/history.sh, log: $LOGS/history.err)"
	HISTORY_LINES=$(HISTORY="$HISTORY" NIGHTS="$NIGHTS" XMX="$XMX" SEED="$SEED" LOAD_S="$LOAD_S" JAR="$JAR" \
		INCREMENTAL_DISTRICT="$INCREMENTAL_DISTRICT" HISTORY_OUT="${HISTORY_OUT:-$OUT/history}" bench/history.sh 2> "$LOGS/history.err") \
		|| { tail -20 "$LOGS/history.err" >&2; say "the history measurement failed"; HISTORY_LINES=""; }
fi

# --- serving to PostgreSQL -------------------------------------------------------------------
# `serve` of the published city, as every publish does it when TALENT_SERVE_URL is set: against the
# given server, or a throwaway local PostgreSQL 17 (bench/local-postgres.sh, same machine). With the
# local server also what happens when it is stopped during a serve (exit code, message) and the
# serve after it is back. Last of the timed parts: PostgreSQL's work after a serve (autovacuum of the
# tables just loaded, recovery after the stop) ran beside the nights that followed it and made them
# ~2 s longer (9.1–10.0 s against 7.6–7.8 s, session 8).

SERVE_LINES=""
if [[ "$SERVE" == 1 ]]; then
	LOCAL_PG=0
	if [[ -z "$SERVE_URL" ]]; then
		LOCAL_PG=1
		rm -rf "$OUT/postgres/data"
		eval "$(bench/local-postgres.sh start "$OUT/postgres" "$PG_PORT" | sed -n 's/^TALENT_SERVE_URL=/SERVE_URL=/p; s/^TALENT_SERVE_USER=/SERVE_USER=/p')"
	fi
	say "serve to $SERVE_URL (log: $LOGS/serve.out)"
	if timed serve env "TALENT_SERVE_URL=$SERVE_URL" "TALENT_SERVE_USER=$SERVE_USER" "${APPLICATION[@]}" serve --warehouse "$WAREHOUSE"; then
		SERVE_S=$(wall_seconds "$LOGS/serve.time")
		SERVE_LINES="serve_rows=$(sed -n 's/^Served .*: [0-9]* tables, \([0-9,]*\) rows.*/\1/p' "$LOGS/serve.out" | tr -d ,)"
		SERVE_LINES+=$'\n'"serve_s=$SERVE_S"
		SERVE_LINES+=$'\n'"$(awk -v s="$SERVE_S" -v l="$LOAD_S" 'BEGIN { printf "serve_ratio=%.3f", s / l }')"
	else
		tail -5 "$LOGS/serve.out" >&2
		say "the serve failed; no serve_s line"
	fi
	if [[ $LOCAL_PG == 1 && -n "${SERVE_S:-}" ]]; then
		# stopped after ~60 % of a serve's time: past the DuckDB side, while it copies into PostgreSQL
		STOP_AFTER=$(awk -v s="$SERVE_S" 'BEGIN { printf "%.1f", s * 0.6 }')
		say "serve with the server stopped after ${STOP_AFTER} s (log: $LOGS/serve-stopped.out)"
		env "TALENT_SERVE_URL=$SERVE_URL" "TALENT_SERVE_USER=$SERVE_USER" "${APPLICATION[@]}" serve --warehouse "$WAREHOUSE" \
			> "$LOGS/serve-stopped.out" 2>&1 &
		SERVE_PID=$!
		sleep "$STOP_AFTER"
		bench/local-postgres.sh stop "$OUT/postgres"
		STOPPED_EXIT=0
		wait "$SERVE_PID" || STOPPED_EXIT=$?
		bench/local-postgres.sh start "$OUT/postgres" "$PG_PORT" > /dev/null
		SERVE_LINES+=$'\n'"serve_stopped_exit=$STOPPED_EXIT"
		SERVE_LINES+=$'\n'"serve_stopped_message=$(grep -m1 -E '^(NOT SERVED|Served)' "$LOGS/serve-stopped.out" || true)"
		if timed serve-repair env "TALENT_SERVE_URL=$SERVE_URL" "TALENT_SERVE_USER=$SERVE_USER" "${APPLICATION[@]}" serve \
			--warehouse "$WAREHOUSE"; then
			SERVE_LINES+=$'\n'"serve_after_restart_s=$(wall_seconds "$LOGS/serve-repair.time")"
		else
			SERVE_LINES+=$'\n'"serve_after_restart=failed (see $LOGS/serve-repair.out)"
		fi
	fi
	[[ ${LOCAL_PG:-0} == 1 ]] && { bench/local-postgres.sh stop "$OUT/postgres" || true; }
fi

# --- summary ----------------------------------------------------------------------------------

echo "scale=$SCALE"
echo "layout=$LAYOUT cds=$CDS cache=$CACHE_FILE"
sed -n '2,3p' "$MARKER"
[[ -n "$STEPS" ]] && echo "$STEPS"
echo "roster_rows=$ROSTER_ROWS"
echo "quarantined=$QUARANTINED"
echo "duckdb_rows=$DUCKDB_ROWS"
echo "duckdb_skipped_files=$DUCKDB_SKIPPED"
echo "peak_rss_mb=$LOAD_RSS"
echo "incremental_peak_rss_mb=$INCREMENTAL_RSS"
cat "$LOGS/views.out"
printf '%s' "$NIGHT_LINES"
echo "incremental_s=$INCREMENTAL_S"
awk -v i="$INCREMENTAL_S" -v l="$LOAD_S" 'BEGIN { printf "incremental_ratio=%.3f\n", i / l }'
[[ -n "${SCHEDULED_LINES:-}" ]] && echo "$SCHEDULED_LINES"
[[ -n "$SERVE_LINES" ]] && echo "$SERVE_LINES"
[[ -n "${HISTORY_LINES:-}" ]] && echo "$HISTORY_LINES"
echo "machine=$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "loadavg_end=$(loadavg)"
echo "rows=$ROWS"
echo "load_s=$LOAD_S"
echo "duckdb_s=$DUCKDB_S"
printf '%s' "$PAIR_LINES"
echo "ratio=$RATIO"
