/**
 * One load run from landing zone to published warehouse ({@code LoadRun}): planning ({@code SnapshotPlanner},
 * {@code DatabasePulls}), staging the districts ({@code DistrictStaging}), publishing ({@code RunExecution}) and
 * recording ({@code RunRecorder}), with the run's state in a {@code RunState} of its own.
 */
package cq.talentwarehouse.run;
