/**
 * Publish: the built working copy renamed atomically over the published warehouse ({@code Publisher}).
 */
package cq.talentwarehouse.publish;
