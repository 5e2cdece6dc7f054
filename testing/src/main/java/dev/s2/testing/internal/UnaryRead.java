package dev.s2.testing.internal;

import java.util.List;

/**
 * A unary read ({@code GET …/records} answered with one {@code ReadBatch}), as S2's server merges a read session
 * into one batch: records up to the tail within the bounds (capped at 1000 records and 1 MiB); when none are
 * there and {@code wait} allows (at most 60 s), a long poll that answers with the first records appended (with
 * the {@code tail}), or with no records when the wait is over.
 */
final class UnaryRead {
  private UnaryRead() {}

  static String run(Store store, String basin, String streamName, ReadParams params, boolean base64) {
    store.lock().lock();
    try {
      StreamState stream = store.streamForData(basin, streamName, false);
      ReadCursor cursor = ReadCursor.start(stream, params);
      stream.basin.readOps.incrementAndGet();
      List<StoredRecord> batch = cursor.take(stream, AppendInput.MAX_RECORDS, AppendInput.MAX_BYTES);
      if (!batch.isEmpty() || cursor.exhausted() || !params.mayFollow()) {
        stream.basin.readBytes.addAndGet(ReadCursor.meteredBytes(batch));
        return RecordsJson.batch(batch, base64, null);
      }
      long deadline = store.clock().millis() + params.wait * 1000;
      while (true) {
        if (store.closed()) {
          throw ApiError.of("unavailable", "server closed");
        }
        if (stream.deleted) {
          throw ApiError.streamNotFound(basin, streamName);
        }
        batch = cursor.take(stream, AppendInput.MAX_RECORDS, AppendInput.MAX_BYTES);
        if (!batch.isEmpty()) {
          stream.basin.readBytes.addAndGet(ReadCursor.meteredBytes(batch));
          return RecordsJson.batch(batch, base64, new long[] {stream.nextSeqNum, stream.lastTimestamp});
        }
        if (cursor.exhausted() || store.clock().millis() >= deadline) {
          return RecordsJson.batch(batch, base64, null);
        }
        store.await(deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.of("unavailable", "interrupted");
    } finally {
      store.lock().unlock();
    }
  }
}
