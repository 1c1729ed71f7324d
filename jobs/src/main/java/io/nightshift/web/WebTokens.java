package io.nightshift.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.nightshift.platform.json.CanonicalJson;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bearer tokens of the web dashboard and API ({@code nightshift.web.tokens}), each
 * with a name (recorded as the actor of what the caller launches) and a role:
 * {@code viewer} reads, {@code operator} also runs, restarts, stops, backfills and
 * ingests. Prefer {@code token-sha256} (the hex SHA-256 of the token, as
 * {@code nightshift token} prints it) over {@code token}: the configuration then holds no
 * secret.
 *
 * @param tokens the accepted tokens
 */
@ConfigurationProperties("nightshift.web")
public record WebTokens(@DefaultValue List<Token> tokens) {

	/** The caller a presented token belongs to; compares digests in constant time. */
	public Optional<Caller> authenticate(String presented) {
		if (presented == null || presented.isBlank()) {
			return Optional.empty();
		}
		byte[] digest = CanonicalJson.sha256(presented.strip().getBytes(StandardCharsets.UTF_8));
		Caller found = null;
		for (Token token : this.tokens) {
			// Every token is compared (no early return), so timing tells nothing about
			// which matched.
			if (MessageDigest.isEqual(digest, token.digest())) {
				found = new Caller(token.name(), token.role());
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * One token.
	 *
	 * @param name who uses it (a person or a system)
	 * @param role viewer or operator
	 * @param token the token itself (avoid: prefer token-sha256)
	 * @param tokenSha256 the hex SHA-256 of the token
	 */
	public record Token(String name, @DefaultValue("viewer") Role role, String token, String tokenSha256) {

		public Token {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("nightshift.web.tokens: every token needs a name");
			}
			if ((token == null || token.isBlank()) == (tokenSha256 == null || tokenSha256.isBlank())) {
				throw new IllegalArgumentException(
						"nightshift.web.tokens (" + name + "): set exactly one of token and token-sha256");
			}
			if (tokenSha256 != null && !tokenSha256.isBlank() && !tokenSha256.matches("(?i)[0-9a-f]{64}")) {
				throw new IllegalArgumentException(
						"nightshift.web.tokens (" + name + "): token-sha256 must be 64 hex digits");
			}
		}

		byte[] digest() {
			return (this.tokenSha256 != null && !this.tokenSha256.isBlank())
					? HexFormat.of().parseHex(this.tokenSha256.toLowerCase(Locale.ROOT))
					: CanonicalJson.sha256(this.token.strip().getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String toString() {
			return "Token[name=" + this.name + ", role=" + this.role + "]";
		}

	}

	/** What a token may do. */
	public enum Role {

		VIEWER, OPERATOR

	}

	/**
	 * An authenticated caller.
	 *
	 * @param name the token's name
	 * @param role its role
	 */
	public record Caller(String name, Role role) {
	}

}
