/**
 * Telling operators how a run ended: mail and chat-robot channels ({@code Notifier}).
 */
package cq.talentwarehouse.notify;
