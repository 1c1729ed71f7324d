package io.nightshift.web;

import java.util.Map;

import io.nightshift.platform.NightshiftException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Errors of the JSON API as JSON, with the exit code the command line would have
 * returned.
 */
@RestControllerAdvice(assignableTypes = ApiController.class)
class ApiErrors {

	@ExceptionHandler(NightshiftException.class)
	ResponseEntity<Map<String, Object>> nightshift(NightshiftException ex) {
		return ResponseEntity.status(HttpOutcomes.status(ex.exitCode()))
			.body(Map.of("error", ex.getMessage(), "exitCode", ex.exitCode()));
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
			HttpMessageNotReadableException.class, IllegalArgumentException.class })
	ResponseEntity<Map<String, Object>> badRequest(Exception ex) {
		String message = (ex instanceof MethodArgumentTypeMismatchException mismatch)
				? mismatch.getName() + ": cannot use value '" + mismatch.getValue() + "'"
				: (ex instanceof HttpMessageNotReadableException)
						? "the request body is not valid JSON of the expected shape" : ex.getMessage();
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", message, "exitCode", 2));
	}

}
