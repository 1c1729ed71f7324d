package io.nightshift.platform.stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Decides which process runs an embedded store under NIGHTSHIFT_HOME. The first process
 * takes an OS file lock (released by the OS even on kill -9) and publishes its port in a
 * descriptor file; later processes find the lock taken and attach to the published port
 * instead of starting a second server on the same files.
 */
final class StoreOwnership implements AutoCloseable {

	private final Path lockFile;

	private final Path descriptorFile;

	private FileChannel channel;

	private FileLock lock;

	StoreOwnership(Path home, String store) {
		this.lockFile = home.resolve(store + ".lock");
		this.descriptorFile = home.resolve(store + ".endpoint");
	}

	/** Takes ownership if no live process holds it. */
	boolean tryAcquire() {
		try {
			Files.createDirectories(this.lockFile.getParent());
			this.channel = FileChannel.open(this.lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			this.lock = this.channel.tryLock();
			if (this.lock == null) {
				this.channel.close();
				this.channel = null;
				return false;
			}
			Files.deleteIfExists(this.descriptorFile);
			return true;
		}
		catch (OverlappingFileLockException ex) {
			closeQuietly();
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot lock " + this.lockFile, ex);
		}
	}

	void publish(int port) {
		Properties properties = new Properties();
		properties.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
		properties.setProperty("port", Integer.toString(port));
		Path temporary = this.descriptorFile.resolveSibling(this.descriptorFile.getFileName() + ".tmp");
		try (var writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
			properties.store(writer, "embedded store endpoint, owned by the process below");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.descriptorFile, ex);
		}
		try {
			Files.move(temporary, this.descriptorFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.descriptorFile, ex);
		}
	}

	/** Waits for the owner to publish its port (it may still be starting). */
	Optional<Endpoint> awaitOwner(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<Endpoint> endpoint = readDescriptor();
			if (endpoint.isPresent()
					&& ProcessHandle.of(endpoint.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
				return endpoint;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	private Optional<Endpoint> readDescriptor() {
		if (!Files.isRegularFile(this.descriptorFile)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (var reader = Files.newBufferedReader(this.descriptorFile, StandardCharsets.UTF_8)) {
			properties.load(reader);
			return Optional.of(new Endpoint(Long.parseLong(properties.getProperty("pid")),
					Integer.parseInt(properties.getProperty("port"))));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.descriptorFile);
		}
		catch (IOException ex) {
			// the next owner overwrites it
		}
		closeQuietly();
	}

	private void closeQuietly() {
		try {
			if (this.lock != null) {
				this.lock.release();
			}
			if (this.channel != null) {
				this.channel.close();
			}
		}
		catch (IOException ex) {
			// released by the OS when the process exits
		}
		this.lock = null;
		this.channel = null;
	}

	record Endpoint(long pid, int port) {
	}

}
