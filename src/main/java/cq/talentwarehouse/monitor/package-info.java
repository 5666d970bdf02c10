/**
 * Run metrics and health for operators: Micrometer timers of a run, the load health indicator.
 */
package cq.talentwarehouse.monitor;
