/**
 * Pipeline definitions (pipelines/*.yaml): each district feed's sources, columns and landing folder, checked against their JSON Schema ({@code PipelineCatalog}).
 */
package cq.talentwarehouse.pipeline;
