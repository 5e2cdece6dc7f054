package dev.s2.contract;

import dev.s2.client.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sleeper} that records the delays the client asks for and returns at once: no test waits.
 */
final class RecordingSleeper implements Sleeper {
  private final List<Duration> delays = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    delays.add(duration);
  }

  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }
}
