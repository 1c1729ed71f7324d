package io.nightshift.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The web tests' tokens and an HTTP client that does not follow redirects. */
final class WebTestSupport {

	static final String VIEWER_TOKEN = "viewer-secret-4711";

	static final String OPERATOR_TOKEN = "operator-secret-0815";

	private final HttpClient client;

	private final String base;

	WebTestSupport(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager())
			.build();
	}

	HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return send(request(path, token).GET().build());
	}

	HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString((json != null) ? json : "{}"))
			.build());
	}

	HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
		return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
