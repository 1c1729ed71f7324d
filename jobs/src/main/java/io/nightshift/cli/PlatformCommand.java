package io.nightshift.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

/**
 * A command that needs the stores: {@link Cli} opens the Spring context before
 * {@link #call()} and closes it afterwards. Subclasses parse, call the platform, and
 * render; nothing more.
 */
abstract class PlatformCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	private ApplicationContext context;

	/** Whether this command serves HTTP. */
	boolean web() {
		return false;
	}

	/**
	 * Whether this invocation needs the stores; a command that works on files alone (e.g.
	 * verifying an export on an auditor's machine) runs without the Spring context.
	 */
	boolean needsStores() {
		return true;
	}

	/**
	 * Spring properties this command needs besides the global options (e.g. the HTTP
	 * port).
	 */
	java.util.Map<String, String> properties() {
		return java.util.Map.of();
	}

	void attach(ApplicationContext context) {
		this.context = context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	Output output() {
		NightshiftCommand root = (NightshiftCommand) this.spec.root().userObject();
		JsonMapper json = (this.context != null) ? bean(JsonMapper.class) : JsonMapper.builder().build();
		return new Output(this.spec.commandLine().getOut(), root.format(), json);
	}

}
