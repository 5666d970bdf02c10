/**
 * Normalize: one raw record to a staged one or to quarantine ({@code RecordNormalizer}), one rule per value type, persons as keyed pseudonyms; {@code QuarantineRule} names the rules.
 */
package cq.talentwarehouse.normalize;
