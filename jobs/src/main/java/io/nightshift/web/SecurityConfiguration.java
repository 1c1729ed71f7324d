package io.nightshift.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Access to the dashboard and the API: nothing anonymous but liveness (and the login
 * page); {@code viewer} tokens read everything, {@code operator} tokens may also change
 * things. Programs send {@code Authorization: Bearer TOKEN} on every request (no session,
 * no cookie, so no CSRF exposure); browsers sign in once with a token and keep a session,
 * whose state-changing forms carry CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class SecurityConfiguration {

	static final String VIEWER = "VIEWER";

	static final String OPERATOR = "OPERATOR";

	@Bean
	SecurityFilterChain nightshiftSecurity(HttpSecurity http, WebTokens tokens) throws Exception {
		RequestMatcher bearer = (request) -> request.getHeader("Authorization") != null;
		RequestMatcher api = (request) -> request.getRequestURI().startsWith("/api/")
				|| request.getRequestURI().startsWith("/actuator/");
		http.addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health/liveness", "/login", "/nightshift.css", "/favicon.ico", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/**")
				.hasAnyRole(VIEWER, OPERATOR)
				.requestMatchers(HttpMethod.HEAD, "/**")
				.hasAnyRole(VIEWER, OPERATOR)
				.anyRequest()
				.hasRole(OPERATOR))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(bearer))
			.formLogin((login) -> login.loginPage("/login")
				.usernameParameter("name")
				.passwordParameter("token")
				.defaultSuccessUrl("/", false)
				.failureUrl("/login?error"))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
			.httpBasic((basic) -> basic.disable())
			.exceptionHandling((errors) -> errors.defaultAuthenticationEntryPointFor(unauthorizedJson(), api)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), (request) -> true));
		return http.build();
	}

	/**
	 * Browser sign-in: the "password" is the token; the name field is informative only.
	 */
	@Bean
	AuthenticationProvider tokenSignIn(WebTokens tokens) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				WebTokens.Caller caller = tokens.authenticate(String.valueOf(authentication.getCredentials()))
					.orElseThrow(() -> new BadCredentialsException("unknown token"));
				return authenticated(caller);
			}

			@Override
			public boolean supports(Class<?> type) {
				return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
			}

		};
	}

	/** Keeps Boot from creating a default user with a generated password. */
	@Bean
	UserDetailsService noUsers() {
		return (name) -> {
			throw new UsernameNotFoundException("sign in with a token");
		};
	}

	static UsernamePasswordAuthenticationToken authenticated(WebTokens.Caller caller) {
		List<SimpleGrantedAuthority> roles = (caller.role() == WebTokens.Role.OPERATOR)
				? List.of(new SimpleGrantedAuthority("ROLE_" + OPERATOR), new SimpleGrantedAuthority("ROLE_" + VIEWER))
				: List.of(new SimpleGrantedAuthority("ROLE_" + VIEWER));
		return UsernamePasswordAuthenticationToken.authenticated(caller.name(), null, roles);
	}

	private static AuthenticationEntryPoint unauthorizedJson() {
		return (request, response, exception) -> {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("WWW-Authenticate", "Bearer realm=\"nightshift\"");
			response.setContentType("application/json");
			try {
				response.getWriter()
					.write("{\"error\":\"unauthorized\",\"message\":\"send Authorization: Bearer TOKEN\"}");
			}
			catch (IOException ex) {
				// the client went away
			}
		};
	}

}
