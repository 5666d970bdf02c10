/**
 * The command line (picocli): one command class per verb of the product spec, {@code Launch} the entry point.
 */
package cq.talentwarehouse.cli;
