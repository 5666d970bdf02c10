/**
 * Load: the staged CSV into a working copy of the warehouse by the SQL of sql/reference (when the copy is prepared), sql/staging, sql/dims, sql/facts, sql/aggregates and sql/ops, its data tests, and the publish job ({@code WarehousePublishJobConfiguration}).
 */
package cq.talentwarehouse.load;
