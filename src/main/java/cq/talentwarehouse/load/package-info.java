/**
 * Load: the staged CSV into a working copy of the warehouse by the SQL of sql/load, its data tests, and the publish job ({@code WarehousePublishJobConfiguration}).
 */
package cq.talentwarehouse.load;
