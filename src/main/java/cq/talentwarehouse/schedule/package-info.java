/**
 * The nightly schedule: a load on a cron, never two at once ({@code NightlySchedule}).
 */
package cq.talentwarehouse.schedule;
