package io.nightshift.platform.config;

/**
 * The settings type of a job that has none: any key under {@code settings:} is an error.
 */
public record NoSettings() {

}
