/**
 * How one value is cleaned before it is checked: text (NFKC, spaces, Traditional script), dates as districts write them, quantities with 万/亿.
 */
package cq.talentwarehouse.normalize.value;
