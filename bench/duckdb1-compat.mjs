// Reads the published warehouse with the DuckDB 1.5 Node client (not our 2.0 JDBC driver) and
// prints the two headline marts as JSON: proof that DuckDB 1.x clients (BI drivers pin 1.4+) open it.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2] ?? 'warehouse/talent.duckdb';
const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
for (const sql of [
  'select version() as duckdb_version',
  'select district_code, talent_total, high_level_total from mart.district_talent_totals order by 1',
  'select district_code, specialized_sme, little_giant, high_tech, tech_sme from mart.district_enterprise_counts order by 1',
  "select district_code, indicator, reported_value, computed_value, status from mart.reported_vs_computed where status <> 'not computable' order by 1, 2",
]) {
  const reader = await connection.runAndReadAll(sql);
  console.log(JSON.stringify(reader.getRowObjectsJson()));
}
