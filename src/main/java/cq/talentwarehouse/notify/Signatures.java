package cq.talentwarehouse.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signatures the robots check, each as its vendor documents it. */
final class Signatures {

	private Signatures() {
	}

	/**
	 * DingTalk custom robot 加签: {@code timestamp} in milliseconds; the string to sign is
	 * {@code timestamp + "\n" + secret}, signed with HmacSHA256 keyed by the secret, Base64-encoded
	 * and then URL-encoded (UTF-8) for the {@code sign} query parameter.
	 */
	static String dingTalk(long timestampMillis, String secret) {
		byte[] mac = hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
				(timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
		return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
	}

	/**
	 * Feishu custom bot 签名校验: {@code timestamp} in seconds; HmacSHA256 keyed by
	 * {@code timestamp + "\n" + secret} over empty data, Base64-encoded, sent in the body.
	 */
	static String feishu(long timestampSeconds, String secret) {
		byte[] mac = hmacSha256((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
		return Base64.getEncoder().encodeToString(mac);
	}

	/** The generic webhook's body signature: hex HmacSHA256 of the body bytes, keyed by the secret. */
	static String webhook(byte[] body, String secret) {
		return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
	}

	private static byte[] hmacSha256(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
