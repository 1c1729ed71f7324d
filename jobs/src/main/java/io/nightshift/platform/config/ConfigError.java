package io.nightshift.platform.config;

import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A binding failure reduced to what an operator needs: the key, what is wrong with it,
 * and the line it is on.
 *
 * @param property the dashed key, e.g. {@code settings.chunk-size}
 * @param problem what is wrong, e.g. {@code must be greater than 0}
 * @param where {@code " (line 7)"} or empty
 * @param unknown whether the key is not a known setting at all
 */
record ConfigError(String property, String problem, String where, boolean unknown) {

	String describe() {
		return this.property + ": " + this.problem + this.where;
	}

	static ConfigError of(BindException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnboundConfigurationPropertiesException unbound) {
			ConfigurationProperty first = unbound.getUnboundProperties().iterator().next();
			String others = (unbound.getUnboundProperties().size() > 1) ? " (also: " + unbound.getUnboundProperties()
				.stream()
				.skip(1)
				.map((property) -> property.getName().toString())
				.collect(Collectors.joining(", ")) + ")" : "";
			return new ConfigError(first.getName().toString(), "unknown key" + others, line(first.getOrigin()), true);
		}
		if (cause instanceof BindValidationException validation) {
			ValidationErrors errors = validation.getValidationErrors();
			ObjectError error = errors.getAllErrors().get(0);
			String name = errors.getName().toString();
			if (error instanceof FieldError field) {
				name = name + "." + JobConfigs.dashed(field.getField());
				String key = name;
				Origin origin = errors.getBoundProperties()
					.stream()
					.filter((property) -> property.getName().toString().equals(key))
					.map(ConfigurationProperty::getOrigin)
					.findFirst()
					.orElse(null);
				String value = (field.getRejectedValue() != null) ? " (value '" + field.getRejectedValue() + "')" : "";
				return new ConfigError(name, field.getDefaultMessage() + value, line(origin), false);
			}
			return new ConfigError(name, error.getDefaultMessage(), "", false);
		}
		ConfigurationProperty property = ex.getProperty();
		String name = (property != null) ? property.getName().toString() : ex.getName().toString();
		String value = (property != null) ? " '" + property.getValue() + "'" : "";
		String problem = "cannot use value" + value + ": " + rootMessage(ex);
		return new ConfigError(name, problem, line((property != null) ? property.getOrigin() : null), false);
	}

	static String line(Origin origin) {
		Origin current = origin;
		while (current != null) {
			if (current instanceof TextResourceOrigin text && text.getLocation() != null) {
				return " (line " + (text.getLocation().getLine() + 1) + ")";
			}
			current = current.getParent();
		}
		return "";
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage()).replace('\n', ' ');
	}

}
