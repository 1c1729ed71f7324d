package io.nightshift.cli;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.nightshift.platform.NightshiftException;
import io.nightshift.platform.json.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightshift token --name N --role viewer|operator}: a new random access token for
 * the web dashboard and API, with the configuration lines that accept it (by hash, so the
 * configuration holds no secret). Needs no stores.
 */
@Command(name = "token", description = { "Make a random access token for the dashboard and API, and print the",
		"configuration that accepts it (its SHA-256 only). Give the token to its user; it is not stored." })
class TokenCommand extends PlatformCommand {

	@Option(names = "--name", required = true, paramLabel = "NAME",
			description = "Who will use it (recorded as the actor).")
	String name;

	@Option(names = "--role", defaultValue = "viewer", paramLabel = "viewer|operator",
			description = "viewer reads; operator also runs, restarts, stops, backfills, ingests. Default: ${DEFAULT-VALUE}.")
	String role;

	@Option(names = "--index", defaultValue = "0", paramLabel = "N", description = "Position in nightshift.web.tokens.")
	int index;

	@Override
	boolean needsStores() {
		return false;
	}

	@Override
	public Integer call() {
		if (!this.role.equals("viewer") && !this.role.equals("operator")) {
			throw NightshiftException.usage("--role " + this.role + ": expected viewer or operator");
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String token = "ns_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String sha256 = HexFormat.of()
			.formatHex(CanonicalJson.sha256(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		String prefix = "nightshift.web.tokens[" + this.index + "]";
		Output output = output();
		if (output.json()) {
			Map<String, String> result = new LinkedHashMap<>();
			result.put("name", this.name);
			result.put("role", this.role);
			result.put("token", token);
			result.put("tokenSha256", sha256);
			output.json(result);
			return 0;
		}
		output.line("token for " + this.name + " (" + this.role + "): " + token);
		output.line("");
		output.line("accept it with these properties (application.properties, or the environment variables below):");
		output.line(prefix + ".name=" + this.name);
		output.line(prefix + ".role=" + this.role);
		output.line(prefix + ".token-sha256=" + sha256);
		String env = "NIGHTSHIFT_WEB_TOKENS_" + this.index + "_";
		output.line("");
		output.line(env + "NAME=" + this.name + " " + env + "ROLE=" + this.role + " " + env + "TOKENSHA256=" + sha256);
		return 0;
	}

}
