package cq.talentwarehouse.publish;

import java.nio.file.Path;

/** A command that publishes and exits at once, as `run` does after its report (PublisherTests' child JVM). */
public final class PublishThenExit {

	private PublishThenExit() {
	}

	public static void main(String[] args) throws Exception {
		Publisher.publish(Path.of(args[0]), Path.of(args[1]));
		System.exit(0);
	}

}
