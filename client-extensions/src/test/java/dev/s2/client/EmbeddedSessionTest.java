package dev.s2.client;

import dev.s2.testing.EmbeddedS2;
import dev.s2.testing.EmbeddedS2Extension;
import dev.s2.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded S2 of the read-session tests (one per test class): its clock is a manual clock the
 * client shares, so pings, waits and timestamps move only when a test says; its sessions send at
 * most 10 records per event, so that reads span many events. Each test gets a {@link
 * SessionFixture}: a client, a fresh stream.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class EmbeddedSessionTest {
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));

  @RegisterExtension
  static final EmbeddedS2Extension S2 =
      EmbeddedS2Extension.configure(
          b ->
              b.clock(CLOCK)
                  .basins(SessionFixture.BASIN)
                  .sessionBatchRecords(10)
                  .pingInterval(Duration.ofSeconds(10)));

  SessionFixture f;

  @BeforeEach
  void openFixture(EmbeddedS2 s2) {
    f = new SessionFixture(s2, CLOCK, RetryPolicy.defaults());
  }

  @AfterEach
  void closeFixture() {
    f.close();
  }

  /**
   * Waits until the server holds at most {@code parked} waiting reads, moving its clock 10 s at a
   * time: an HTTP/1.1 server learns that a client left only when it next writes (a ping) to the
   * closed connection.
   */
  void awaitServerSessionsAtMost(int parked) {
    SessionFixture.await(
        "the server's session ended",
        () -> {
          CLOCK.advance(Duration.ofSeconds(10));
          return f.s2.parkedReads() <= parked;
        });
  }
}
