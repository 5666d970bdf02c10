#!/usr/bin/env bash
# The kill -9 experiment: TRIALS (default 26) demo loads, each killed with SIGKILL at a random moment
# of its run and then resumed with `restart` (or started again with `run` when it was killed before
# it recorded anything). Every trial's marts must equal an uninterrupted run's, and its
# ops.snapshot_files must be full (the next run has nothing new to load). Prints one line per trial
# and a summary: identical=K/N snapshot_files_full=K/N. A trial that fails either keeps its logs and
# warehouse folder in KEPT (default bench/out/kill-restart-failed/<time>-t<N>), which the next run of
# this script does not clear.
# NIGHT=1: the same for a night instead — the demo is loaded once, then one district (NIGHT_DISTRICT,
# default jiangjin) sends a new snapshot, and each trial kills that one-district night (the run that
# prepares its working copy ahead on the idle thread) in a copy of the loaded warehouse.
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${TRIALS:-26}"
out="${OUT:-bench/out/kill-restart}"
jar="${JAR:-target/talent-warehouse.jar}"
[[ -f "$jar" ]] || mvn -B -q package -DskipTests
rm -rf "$out"; mkdir -p "$out"
export TALENT_PSEUDONYM_KEY="${TALENT_PSEUDONYM_KEY:-kill-restart-experiment-key-0123456789abcdef0123456789}"
java -jar "$jar" generate --landing "$out/landing" > /dev/null

marts() {
	local w="$1"
	for view in district_talent_totals district_enterprise_counts district_indicators reported_vs_computed municipal_talent_totals; do
		java -jar "$jar" query --warehouse "$w" --format csv "select * from mart.$view order by all"
	done
}
run() { java -jar "$jar" "$@" --landing "$out/landing" --pipelines pipelines; }

# the warehouse each trial starts from: nothing (a full load), or the loaded demo (a night)
base() {
	rm -rf "$(dirname "$1")"
	if [[ "${NIGHT:-0}" == 1 ]]; then
		cp -r "$out/base" "$(dirname "$1")"
	fi
}
if [[ "${NIGHT:-0}" == 1 ]]; then
	run run --warehouse "$out/base/talent.duckdb" > "$out/base.log" 2>&1
	district="${NIGHT_DISTRICT:-jiangjin}"
	latest=$(ls -d "$out/landing/$district"/????-??-?? | tail -1)
	cp -r "$latest" "$out/landing/$district/2026-06-30"
fi

start=$(date +%s.%N)
base "$out/clean/talent.duckdb"
run run --warehouse "$out/clean/talent.duckdb" > "$out/clean.log" 2>&1
clean_s=$(echo "$(date +%s.%N) - $start" | bc)
marts "$out/clean/talent.duckdb" > "$out/clean.marts"
files=$(java -jar "$jar" query --warehouse "$out/clean/talent.duckdb" --format csv "select count(*) from ops.snapshot_files" | tail -1)
echo "clean_run_s=$clean_s snapshot_files=$files"

identical=0; full=0
for t in $(seq 1 "$trials"); do
	w="$out/t$t/talent.duckdb"
	base "$w"
	delay=$(python3 -c "import random; print(round(random.uniform(0.3, $clean_s), 2))")
	# java itself in the background (not a shell function), so that the kill reaches the load
	java -jar "$jar" run --warehouse "$w" --landing "$out/landing" --pipelines pipelines > "$out/t$t.run.log" 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2> /dev/null || true
	wait "$pid" 2> /dev/null || true
	resumed=restart
	run restart --warehouse "$w" > "$out/t$t.restart.log" 2>&1 || true
	# killed before it recorded anything: no warehouse yet, or (a night) the last run is the one before
	if ! [[ -f "$w" ]] || grep -q "^Nothing to restart: the last run .* published" "$out/t$t.restart.log"; then
		resumed=run
		run run --warehouse "$w" > "$out/t$t.rerun.log" 2>&1 || true
	fi
	# a run killed after it published may have left nothing to restart; either way the next run loads nothing new
	run run --warehouse "$w" > "$out/t$t.next.log" 2>&1 || true
	same=no; if marts "$w" | cmp -s - "$out/clean.marts"; then same=yes; identical=$((identical + 1)); fi
	n=$(java -jar "$jar" query --warehouse "$w" --format csv "select count(*) from ops.snapshot_files" | tail -1)
	nothing_new=no; grep -q "Nothing new to load" "$out/t$t.next.log" && nothing_new=yes
	[[ "$n" == "$files" && "$nothing_new" == yes ]] && full=$((full + 1))
	if [[ "$same" != yes || "$n" != "$files" || "$nothing_new" != yes ]]; then
		kept="${KEPT:-bench/out/kill-restart-failed}/$(date +%Y%m%dT%H%M%S)-t$t"
		mkdir -p "$kept"
		cp -r "$out/t$t" "$out"/t"$t".*.log "$kept/" 2> /dev/null || true
		echo "trial=$t kept its logs and warehouse in $kept"
	fi
	echo "trial=$t killed_after_s=$delay resumed_by=$resumed marts_identical=$same snapshot_files=$n next_run_nothing_new=$nothing_new"
done
echo "identical=$identical/$trials snapshot_files_full=$full/$trials"
