/**
 * Reference data: the seeds (districts with their lineage and population, vocabularies, reported figures) read at run time and checked ({@code Seeds}), and how a file problem is told ({@code FileProblem}).
 */
package cq.talentwarehouse.reference;
