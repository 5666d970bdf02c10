/**
 * Source: reading a district's raw records from CSV, xlsx, JSON pages or HTTP ({@code SourceReaders}), with file, line and column for every problem.
 */
package cq.talentwarehouse.source;
