/**
 * Consumer of the marts: the self-contained HTML report with its charts ({@code ReportWriter}).
 */
package cq.talentwarehouse.report;
