package io.nightshift.web;

import io.nightshift.platform.ExitCodes;

import org.springframework.http.HttpStatus;

/** The exit-code contract, spoken in HTTP. */
final class HttpOutcomes {

	private HttpOutcomes() {
	}

	static HttpStatus status(int exitCode) {
		return switch (exitCode) {
			case ExitCodes.COMPLETED, ExitCodes.FAILED, ExitCodes.CHECK_FAILED -> HttpStatus.OK;
			case ExitCodes.USAGE -> HttpStatus.BAD_REQUEST;
			case ExitCodes.ALREADY_COMPLETE, ExitCodes.ALREADY_RUNNING -> HttpStatus.CONFLICT;
			case ExitCodes.NOT_FOUND -> HttpStatus.NOT_FOUND;
			default -> HttpStatus.INTERNAL_SERVER_ERROR;
		};
	}

}
