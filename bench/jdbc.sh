#!/usr/bin/env bash
# format: jdbc against CSV: staging ROWS roster rows (default 1,000,000) pulled from a local
# PostgreSQL 17 (cursor pull + spool + row digest, then read, normalize, write) against staging the
# same rows from a CSV file, in alternated pairs on one thread; prints each pair, the medians and
# the ratio jdbc/csv (the issue's target: within 2x).
#
#   bench/jdbc.sh                 # ROWS=1000000 PAIRS=5 WORK=/tmp/talent-jdbc-bench PORT=55433
#
# The PostgreSQL is bench/local-postgres.sh's (the embedded binaries the tests use, from Maven
# Central), stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
PAIRS=${PAIRS:-5}
WORK=${WORK:-/tmp/talent-jdbc-bench}
PORT=${PORT:-55433}
JAR=${JAR:-target/talent-warehouse.jar}
[[ -f "$JAR" ]] || mvn -B -q package -DskipTests
mkdir -p "$WORK/roster"
CSV="$WORK/roster/roster.csv"
if [[ ! -f "$CSV" || $(($(wc -l < "$CSV") - 1)) -ne $ROWS ]]; then
	python3 - "$CSV" "$ROWS" <<'PY'
import sys, datetime
path, rows = sys.argv[1], int(sys.argv[2])
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
check = "10X98765432"
cats = ["专业技术人才", "高技能人才、科技人才", "企业经营管理人才", "党政人才", "农村实用人才", "专业技术人才、教育人才"]
edu = ["大学本科", "硕士研究生", "博士研究生", "大学专科"]
start = datetime.date(1960, 1, 1)
with open(path, "w", encoding="utf-8", newline="\n") as f:
    f.write("公民身份号码,姓名,人才类别,最高学历\n")
    for i in range(rows):
        body = "500116" + (start + datetime.timedelta(days=i % 15000)).strftime("%Y%m%d") + "%03d" % (i // 15000)
        idn = body + check[sum(int(a) * b for a, b in zip(body, w)) % 11]
        f.write("%s,人员%d,%s,%s\n" % (idn, i, cats[i % len(cats)], edu[i % len(edu)]))
PY
fi
bench/local-postgres.sh start "$WORK/pg" "$PORT" > /dev/null
trap 'bench/local-postgres.sh stop "$WORK/pg"' EXIT
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
java -Xmx2g -cp "$JAR" -Dloader.main=cq.talentwarehouse.bench.JdbcPullThroughput \
	org.springframework.boot.loader.launch.PropertiesLauncher "$CSV" "jdbc:postgresql://127.0.0.1:$PORT/postgres" postgres \
	"$WORK/run" "$PAIRS"
