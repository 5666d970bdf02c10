/**
 * Identifier checks: resident ID numbers (GB 11643) and unified social credit codes (GB 32100).
 */
package cq.talentwarehouse.validate;
