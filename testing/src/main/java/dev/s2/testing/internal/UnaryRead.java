package dev.s2.testing.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A unary read ({@code GET …/records} answered with one {@code ReadBatch}), as S2's server merges a
 * read session into one batch: records up to the tail within the bounds (capped at 1000 records and
 * 1 MiB); when none are there and {@code wait} allows (at most 60 s), a long poll that answers with
 * the first records appended (with the {@code tail}), or with no records when the wait is over.
 */
final class UnaryRead {
  /** The batch read: its records, and the tail when known (records read live). */
  static final class Result {
    final List<StoredRecord> records;
    final long @Nullable [] tail;

    Result(List<StoredRecord> records, long @Nullable [] tail) {
      this.records = records;
      this.tail = tail;
    }
  }

  private UnaryRead() {}

  static Result run(Store store, String basin, String streamName, ReadParams params) {
    store.lock().lock();
    try {
      StreamState stream = store.streamForData(basin, streamName, false);
      ReadCursor cursor = ReadCursor.start(stream, params);
      stream.basin.readOps.incrementAndGet();
      List<StoredRecord> batch =
          cursor.take(stream, AppendInput.MAX_RECORDS, AppendInput.MAX_BYTES);
      if (!batch.isEmpty() || cursor.exhausted() || !params.mayFollow()) {
        stream.basin.readBytes.addAndGet(ReadCursor.meteredBytes(batch));
        return new Result(batch, null);
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
          return new Result(batch, new long[] {stream.nextSeqNum, stream.lastTimestamp});
        }
        if (cursor.exhausted() || store.clock().millis() >= deadline) {
          return new Result(batch, null);
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
