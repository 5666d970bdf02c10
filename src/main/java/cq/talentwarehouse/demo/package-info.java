/**
 * Demo data outside the production path: deterministic extracts of the four seed districts and the generated city, for {@code generate}, the first start and the benchmarks.
 */
package cq.talentwarehouse.demo;
