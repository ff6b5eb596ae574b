package io.linkscout.ingest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one input file of one format and hands its records to a sink. Bad records are reported to the
 * {@link IngestReport} with their position and skipped; an {@link IOException} means the file as a whole could
 * not be read (what was read before it has already been handed to the sink).
 */
public interface InputReader {

    void read(Path file, IngestSink sink, IngestReport report) throws IOException;
}
