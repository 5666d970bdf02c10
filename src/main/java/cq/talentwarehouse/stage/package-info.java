/**
 * Stage: a district snapshot read, normalized and written as canonical CSV by its {@code districtStageJob} ({@code DistrictStageJobConfiguration}).
 */
package cq.talentwarehouse.stage;
