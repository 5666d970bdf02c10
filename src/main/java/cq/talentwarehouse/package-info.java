/**
 * Talent Warehouse: loads Chongqing district talent feeds into a DuckDB star schema; {@code TalentProperties} holds its settings; {@code cli.TalentWarehouseApplication} starts it.
 */
package cq.talentwarehouse;
