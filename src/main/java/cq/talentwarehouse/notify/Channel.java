package cq.talentwarehouse.notify;

/** Somewhere a notification goes: a chat robot, a webhook, mail. */
interface Channel {

	/** A short name for logs ({@code wecom}, {@code dingtalk}, ...); never the URL, which holds a token. */
	String name();

	/** Delivers once; throws with a reason fit for the log (no URL, no secret) when it did not. */
	void send(Notification notification) throws Exception;

}
