package dev.s2.client;

import java.util.List;

/** The service's limits on one append, checked before anything is sent. */
final class Batches {
  private Batches() {}

  static void check(List<AppendRecord> records) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("an append needs at least 1 record, was 0");
    }
    if (records.size() > AppendOptions.MAX_RECORDS) {
      throw new IllegalArgumentException("an append holds at most " + AppendOptions.MAX_RECORDS + " records, was "
          + records.size());
    }
    long bytes = 0;
    for (int i = 0; i < records.size(); i++) {
      AppendRecord r = records.get(i);
      if (r == null) {
        throw new IllegalArgumentException("records[" + i + "] is null");
      }
      bytes += r.meteredBytes();
    }
    if (bytes > AppendOptions.MAX_BATCH_BYTES) {
      throw new IllegalArgumentException("an append holds at most " + AppendOptions.MAX_BATCH_BYTES
          + " metered bytes (1 MiB), was " + bytes);
    }
  }
}
