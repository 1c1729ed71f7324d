package io.nightshift.platform;

import java.util.regex.Pattern;

/**
 * Removes credentials from connection strings before they reach a log line or a report.
 */
public final class Redaction {

	private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]*@");

	private static final Pattern SECRET_PARAMETER = Pattern
		.compile("(?i)((?:password|pwd|secret|token|sslpassword|sslkey)=)[^&;]*");

	private Redaction() {
	}

	/**
	 * {@code mongodb://u:p@h/db?password=x} becomes
	 * {@code mongodb://***@h/db?password=***}.
	 */
	public static String url(String url) {
		if (url == null) {
			return null;
		}
		String withoutUserInfo = USER_INFO.matcher(url).replaceFirst("***@");
		return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
	}

}
