package cq.talentwarehouse.notify;

import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import cq.talentwarehouse.MailProperties;


/** Mail over SMTP through Spring Boot's {@link JavaMailSender} ({@code spring.mail.*}). */
final class MailChannel implements Channel {

	private final JavaMailSender sender;

	private final MailProperties mail;

	MailChannel(JavaMailSender sender, MailProperties mail) {
		this.sender = sender;
		this.mail = mail;
	}

	@Override
	public String name() {
		return "mail";
	}

	@Override
	public void send(Notification notification) throws Exception {
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
		helper.setFrom(this.mail.getFrom());
		helper.setTo(this.mail.getTo().toArray(String[]::new));
		helper.setSubject(notification.title());
		helper.setText(notification.text());
		this.sender.send(message);
	}

}
