/**
 * Talent Warehouse: loads Chongqing district talent feeds into a DuckDB star schema; {@code TalentWarehouseApplication} starts it, {@code TalentProperties} holds its settings.
 */
package cq.talentwarehouse;
