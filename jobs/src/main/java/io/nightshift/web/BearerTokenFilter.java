package io.nightshift.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer TOKEN} requests for this request only
 * (nothing is kept in a session). A malformed or unknown token is refused with 401 at
 * once; the token is never logged or echoed.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private final WebTokens tokens;

	BearerTokenFilter(WebTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<WebTokens.Caller> caller = header.regionMatches(true, 0, "Bearer ", 0, 7)
				? this.tokens.authenticate(header.substring(7)) : Optional.empty();
		if (caller.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("WWW-Authenticate", "Bearer realm=\"nightshift\", error=\"invalid_token\"");
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"error\":\"unauthorized\",\"message\":\"unknown or malformed bearer token\"}");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(SecurityConfiguration.authenticated(caller.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
