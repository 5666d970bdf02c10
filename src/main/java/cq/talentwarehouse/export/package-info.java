/**
 * Consumer of the marts: the analyst views exported as Parquet or CSV with a manifest and a data dictionary ({@code Exporter}).
 */
package cq.talentwarehouse.export;
