package io.nightshift.ingest;

/**
 * One quality report read from its file.
 *
 * @param source the manifest entry of the file
 * @param report the report
 */
record IngestItem(IngestManifest.Entry source, QualityReport report) {
}
