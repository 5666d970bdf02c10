#!/usr/bin/env bash
# Opens the published warehouse read-only with DuckDB's 1.5 Node client and prints the headline
# marts, next to the same queries through our own (DuckDB 2.0) `query`, so the numbers can be compared.
# Needs node and npm (the npm registry is reachable); installs the client under bench/out/node.
set -euo pipefail
cd "$(dirname "$0")/.."
warehouse="${1:-warehouse/talent.duckdb}"
node_dir=bench/out/node
if [ ! -d "$node_dir/node_modules/@duckdb/node-api" ]; then
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm init -y >/dev/null && npm install --silent @duckdb/node-api@1.5.6-r.1 >/dev/null)
fi
cp bench/duckdb1-compat.mjs "$node_dir/"
echo "--- DuckDB 1.5 Node client"
node "$node_dir/duckdb1-compat.mjs" "$(realpath "$warehouse")"
echo "--- talent-warehouse query (DuckDB 2.0 JDBC)"
java -jar target/talent-warehouse.jar query --warehouse "$warehouse" --format csv \
  "select district_code, talent_total, high_level_total from mart.district_talent_totals order by 1"
java -jar target/talent-warehouse.jar query --warehouse "$warehouse" --format csv \
  "select district_code, specialized_sme, little_giant, high_tech, tech_sme from mart.district_enterprise_counts order by 1"
