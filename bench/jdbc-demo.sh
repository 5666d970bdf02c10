#!/usr/bin/env bash
# A demo district fed from a database instead of files: writes the demo extracts, copies 江津's
# three files into tables of a local PostgreSQL 17 (bench/local-postgres.sh: the embedded binaries
# the tests use), writes a pipeline folder in which 江津 (500116) is `format: jdbc` against those
# tables and the other three seed districts stay file-based, and loads it.
#
#   bench/jdbc-demo.sh [DIR]      # default /tmp/talent-jdbc-demo; PORT=55434
#   bench/local-postgres.sh stop DIR/pg   # when done
#
# The default demo (`run` on a fresh clone) stays file-based and needs no server.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-/tmp/talent-jdbc-demo}
PORT=${PORT:-55434}
JAR=${JAR:-target/talent-warehouse.jar}
[[ -f "$JAR" ]] || mvn -B -q package -DskipTests
rm -rf "$DIR/landing" "$DIR/pipelines" "$DIR/warehouse"
# (generate may end with an error printing its "Load them with" hint for a jar outside target/; the files are written by then)
java -jar "$JAR" generate --landing "$DIR/landing" > /dev/null 2>&1 || [[ -f "$DIR/landing/DEMO-DATA.md" ]]
bench/local-postgres.sh start "$DIR/pg" "$PORT" > /dev/null
URL="jdbc:postgresql://127.0.0.1:$PORT/postgres"
SNAPSHOT=$(ls "$DIR/landing/jiangjin" | sort | tail -1)
for pair in 人才资源花名册.csv:jj_rencai 企业资质名单.csv:jj_qiye 创新平台名单.csv:jj_pingtai; do
	java -cp "$JAR" -Dloader.main='cq.talentwarehouse.bench.JdbcPullThroughput$CsvToPostgres' \
		org.springframework.boot.loader.launch.PropertiesLauncher "$DIR/landing/jiangjin/$SNAPSHOT/${pair%%:*}" "${pair##*:}" \
		"$URL" postgres
done
mkdir -p "$DIR/pipelines"
cp pipelines/*.yaml "$DIR/pipelines/"
python3 - "$DIR/pipelines/jiangjin.yaml" "$URL" <<'PY'
import re, sys
path, url = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = text.replace("landing: jiangjin\n", "")
for name, table in (("人才资源花名册.csv", "jj_rencai"), ("企业资质名单.csv", "jj_qiye"), ("创新平台名单.csv", "jj_pingtai")):
    text = re.sub(r"    file: " + re.escape(name) + r"\n(    encoding: [^\n]*\n)?",
                  "    format: jdbc\n    datasource: {url: \"%s\", user: postgres}\n    table: %s\n" % (url, table), text)
open(path, "w", encoding="utf-8").write(text)
PY
java -jar "$JAR" validate --connect --pipelines "$DIR/pipelines" --landing "$DIR/landing"
java -jar "$JAR" run --pipelines "$DIR/pipelines" --landing "$DIR/landing" --warehouse "$DIR/warehouse/talent.duckdb"
echo "江津 was pulled from $URL (tables jj_rencai, jj_qiye, jj_pingtai); stop the server with: bench/local-postgres.sh stop $DIR/pg"
