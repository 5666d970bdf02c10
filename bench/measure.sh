# The measuring helpers the bench scripts share; sourced, not run. `timed` writes to $LOGS.

loadavg() { cut -d' ' -f1-3 /proc/loadavg | tr ' ' /; }

median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# "h:mm:ss" or "m:ss.ss" from /usr/bin/time -v, as seconds
wall_seconds() {
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"
}

# user + system CPU: less disturbed than wall time by other processes on the machine
cpu_seconds() {
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"
}

peak_rss_mb() {
	awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"
}

# runs a command under /usr/bin/time -v; its output to $LOGS/$name.out, the timings to $LOGS/$name.time
timed() {
	local name=$1
	shift
	local status=0
	/usr/bin/time -v -o "$LOGS/$name.time" "$@" > "$LOGS/$name.out" 2>&1 || status=$?
	return $status
}
