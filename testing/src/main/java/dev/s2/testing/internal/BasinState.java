package dev.s2.testing.internal;

import java.time.Instant;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One basin: its configuration, streams and usage counters (for metrics). Guarded by the store's
 * lock.
 */
public final class BasinState {
  final String name;
  final String location;
  final Instant createdAt;
  BasinConfig config;
  final @Nullable String creationKey;
  final TreeMap<String, StreamState> streams = new TreeMap<>();

  final AtomicLong appendOps = new AtomicLong();
  final AtomicLong appendBytes = new AtomicLong();
  final AtomicLong readOps = new AtomicLong();
  final AtomicLong readBytes = new AtomicLong();
  final AtomicLong basinOps = new AtomicLong();

  BasinState(
      String name,
      String location,
      Instant createdAt,
      BasinConfig config,
      @Nullable String creationKey) {
    this.name = name;
    this.location = location;
    this.createdAt = createdAt;
    this.config = config;
    this.creationKey = creationKey;
  }

  public String name() {
    return name;
  }

  public BasinConfig config() {
    return config;
  }
}
