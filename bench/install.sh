#!/usr/bin/env bash
# Follows docs/operations.md "Install on a server" as written, in a scratch folder standing for
# /srv/talent-warehouse: the install block, a run before any delivery (it must load nothing and write
# nothing), then a district delivery (秀山's demo roster pages and enterprise list, generated in another
# scratch folder), then the first-night block. Fails when a command fails, when validate does not say
# both are valid, when the night does not publish exactly the delivered district, or when anything
# but the delivery appears in the landing zone.
#   bench/install.sh            # builds target/talent-warehouse when missing
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
[[ -x target/talent-warehouse/bin/talent-warehouse ]] || mvn -B -q package -DskipTests

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
srv="$scratch/srv/talent-warehouse"

# the shell blocks between two markers of the document, with /srv/talent-warehouse in the scratch folder
block() {
	awk -v begin="<!-- install:$1 -->" '
		$0 == begin { inside = 1; next }
		inside && /^<!-- install:end -->$/ { exit }
		inside && /^```/ { fence = !fence; next }
		inside && fence { print }
	' docs/operations.md | sed "s#/srv/talent-warehouse#$srv#g"
}

install="$(block begin)"
[[ -n "$install" ]] || { echo "install: no install block in docs/operations.md" >&2; exit 1; }
echo "== install, as docs/operations.md writes it"
echo "$install"
out="$( (cd "$root" && bash -euo pipefail -c "$install") 2>&1)" || { echo "$out"; echo "install: a command failed" >&2; exit 1; }
echo "$out"
grep -q "^Seeds in seeds are valid; 4 pipeline file(s) in pipelines are valid.$" <<< "$out" \
	|| { echo "install: validate did not find the seeds and the four pipeline files valid" >&2; exit 1; }

echo "== a run before any delivery (a timer firing early): loads nothing, writes no demo data"
if (cd "$srv" && app/bin/talent-warehouse run > "$scratch/early.out" 2>&1); then
	cat "$scratch/early.out"; echo "install: a run with nothing delivered reported success" >&2; exit 1
fi
tail -3 "$scratch/early.out"
[[ -z "$(find "$srv/landing" -type f)" ]] \
	|| { echo "install: a run before any delivery wrote files into the landing zone (demo data?)" >&2; exit 1; }
[[ ! -e "$srv/warehouse/talent.duckdb" ]] || { echo "install: a run before any delivery published a warehouse" >&2; exit 1; }

echo "== a delivery: 秀山's snapshot of 2021-08-31"
"$srv/app/bin/talent-warehouse" generate --landing "$scratch/demo/landing" > /dev/null
mkdir -p "$srv/landing/xiushan"
cp -r "$scratch/demo/landing/xiushan/2021-08-31" "$srv/landing/xiushan/"
delivered="$(cd "$srv/landing" && find . -type f | sort)"

night="$(block first-night)"
[[ -n "$night" ]] || { echo "install: no first-night block in docs/operations.md" >&2; exit 1; }
echo "== the first night"
echo "$night"
out="$( (cd "$root" && bash -euo pipefail -c "$night") 2>&1)" || { echo "$out"; echo "install: the first night failed" >&2; exit 1; }
echo "$out" | tail -8

[[ "$(cd "$srv/landing" && find . -type f | sort)" == "$delivered" ]] \
	|| { echo "install: the landing zone holds files nobody delivered (demo data?)" >&2; exit 1; }
districts="$("$srv/app/bin/talent-warehouse" query --warehouse "$srv/warehouse/talent.duckdb" --format csv \
	"select string_agg(district_code, ' ' order by district_code) from mart.district_talent_totals" 2>/dev/null | tail -1 | tr -d '\r')"
[[ "$districts" == "500241" ]] || { echo "install: expected only 500241 published, got '$districts'" >&2; exit 1; }
echo "install: docs/operations.md install works as written; the night published 500241 and the landing zone holds only the delivery"
