package io.nightshift.platform.launch;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** Where this process runs and which code it is: recorded with every request. */
@Component
public class RunEnvironment {

	private final String host;

	private final long pid;

	private final String version;

	public RunEnvironment(ObjectProvider<BuildProperties> buildProperties) {
		this.host = hostName();
		this.pid = ProcessHandle.current().pid();
		BuildProperties build = buildProperties.getIfAvailable();
		this.version = (build != null && build.getVersion() != null) ? build.getVersion() : "development";
	}

	public String host() {
		return this.host;
	}

	public long pid() {
		return this.pid;
	}

	public String version() {
		return this.version;
	}

	private static String hostName() {
		String fromEnvironment = System.getenv("HOSTNAME");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
