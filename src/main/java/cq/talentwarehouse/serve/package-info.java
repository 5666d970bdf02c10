/**
 * Consumer of the marts: a copy of the published marts served to PostgreSQL, with district roles ({@code WarehouseServer}).
 */
package cq.talentwarehouse.serve;
