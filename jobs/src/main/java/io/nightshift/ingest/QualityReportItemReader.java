package io.nightshift.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the reports of a manifest, one file per item, in manifest order. Restartable: the
 * position is the number of files read (saved with each commit), and a restart jumps
 * straight to the next file. A file whose content no longer matches the digest it was
 * validated with stops the run.
 */
class QualityReportItemReader extends AbstractItemCountingItemStreamItemReader<IngestItem> {

	private final Manifests manifests;

	private final QualityReportParser parser;

	private final Path manifestFile;

	private List<IngestManifest.Entry> entries = List.of();

	private int next;

	QualityReportItemReader(Manifests manifests, QualityReportParser parser, Path manifestFile) {
		this.manifests = manifests;
		this.parser = parser;
		this.manifestFile = manifestFile;
		setName("qualityReportReader");
	}

	@Override
	protected void doOpen() {
		this.entries = this.manifests.read(this.manifestFile).entries();
		this.next = 0;
	}

	@Override
	protected IngestItem doRead() throws IOException {
		if (this.next >= this.entries.size()) {
			return null;
		}
		IngestManifest.Entry entry = this.entries.get(this.next++);
		byte[] content = Files.readAllBytes(Path.of(entry.path()));
		if (!ReportScreening.sha256(content).equals(entry.sha256())) {
			throw new IllegalStateException(
					entry.path() + ": the file changed since it was validated; run nightshift ingest again");
		}
		QualityReportParser.Result result = this.parser.parse(content);
		if (result instanceof QualityReportParser.Invalid invalid) {
			throw new IllegalStateException(entry.path() + ": " + invalid.pointer() + ": " + invalid.message());
		}
		return new IngestItem(entry, ((QualityReportParser.Valid) result).report());
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		this.next = itemIndex;
	}

	@Override
	protected void doClose() {
		this.entries = List.of();
	}

}
