/**
 * Benchmark helpers outside the production path (bench/*.sh run them): DuckDBs own read_csv as the reference, staging throughput per record.
 */
package cq.talentwarehouse.bench;
