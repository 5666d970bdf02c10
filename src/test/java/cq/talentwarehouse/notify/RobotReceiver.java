package cq.talentwarehouse.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for the WeCom, DingTalk and Feishu robots and a
 * webhook receiver: it records every request and answers as the vendor does, or as scripted
 * (failures first). It checks signatures the way each vendor's documentation describes them,
 * written here independently of the code under test.
 */
public final class RobotReceiver implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** One request as received. */
	public record Request(String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

		public JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<int[]>> scripted = new ConcurrentHashMap<>();

	private final Map<String, Deque<String>> scriptedBodies = new ConcurrentHashMap<>();

	public RobotReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> query = new LinkedHashMap<>();
			String raw = exchange.getRequestURI().getRawQuery();
			if (raw != null) {
				for (String pair : raw.split("&")) {
					int eq = pair.indexOf('=');
					// kept raw: a signature is compared as it was sent, URL-encoded
					query.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
			}
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
			String path = exchange.getRequestURI().getPath();
			this.requests.add(new Request(path, query, headers, body));
			int status = 200;
			String answer = path.startsWith("/feishu") ? "{\"code\":0,\"msg\":\"success\",\"data\":{}}"
					: "{\"errcode\":0,\"errmsg\":\"ok\"}";
			Deque<int[]> statuses = this.scripted.get(path);
			if (statuses != null && !statuses.isEmpty()) {
				status = statuses.poll()[0];
			}
			Deque<String> bodies = this.scriptedBodies.get(path);
			if (bodies != null && !bodies.isEmpty()) {
				answer = bodies.poll();
			}
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
	}

	/** The URL of a path on this server. */
	public String url(String pathAndQuery) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + pathAndQuery;
	}

	/** The next requests to {@code path} are answered with these HTTP statuses, in order. */
	public void failNext(String path, int... statuses) {
		Deque<int[]> queue = this.scripted.computeIfAbsent(path, (p) -> new ArrayDeque<>());
		for (int s : statuses) {
			queue.add(new int[] { s });
		}
	}

	/** The next request to {@code path} is answered 200 with this body. */
	public void answerNext(String path, String body) {
		this.scriptedBodies.computeIfAbsent(path, (p) -> new ArrayDeque<>()).add(body);
	}

	public List<Request> requests(String path) {
		return this.requests.stream().filter((r) -> r.path().equals(path)).toList();
	}

	public List<Request> requests() {
		return new ArrayList<>(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * DingTalk 自定义机器人 安全设置 加签: stringToSign = timestamp + "\n" + secret; HmacSHA256 with the
	 * secret as key; Base64; then urlEncode (UTF-8) as the {@code sign} parameter.
	 */
	public static boolean dingTalkSignatureValid(Request request, String secret) {
		String timestamp = request.query().get("timestamp");
		String sign = request.query().get("sign");
		if (timestamp == null || sign == null) {
			return false;
		}
		String expected = Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
				(timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
		// DingTalk decodes the parameter once; what arrives must be the URL-encoded Base64
		return URLDecoder.decode(sign, StandardCharsets.UTF_8).equals(expected) && !sign.contains("+")
				&& !sign.contains("/") && Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) < 3_600_000;
	}

	/**
	 * Feishu 自定义机器人 签名校验: string_to_sign = timestamp + "\n" + secret used as the HmacSHA256
	 * key over empty data, Base64; {@code timestamp} (seconds) and {@code sign} in the JSON body.
	 */
	public static boolean feishuSignatureValid(Request request, String secret) {
		JsonNode body = request.json();
		if (!body.has("timestamp") || !body.has("sign")) {
			return false;
		}
		String timestamp = body.get("timestamp").asText();
		String expected = Base64.getEncoder()
			.encodeToString(hmac((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
		return body.get("sign").asText().equals(expected)
				&& Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) < 3600;
	}

	/** The generic webhook's {@code X-Talent-Signature}: sha256= hex HmacSHA256 of the raw body. */
	public static boolean webhookSignatureValid(Request request, String secret) {
		String header = request.headers().get("x-talent-signature");
		return header != null && header.equals(
				"sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), request.body())));
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
