/**
 * Normalize: the rules a raw value passes before it is staged — dates, quantities, script, district names, vocabularies — and the seeds they read.
 */
package cq.talentwarehouse.normalize;
