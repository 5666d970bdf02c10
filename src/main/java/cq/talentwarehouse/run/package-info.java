/**
 * One load run from landing zone to published warehouse ({@code LoadRun}): planning, staging the districts, publishing, recording.
 */
package cq.talentwarehouse.run;
