package dev.s2.testing.internal;

import dev.s2.testing.FaultHandle;
import dev.s2.testing.InjectedError;
import dev.s2.testing.RecordedRequest;
import dev.s2.testing.RequestMatcher;
import dev.s2.testing.S2sCut;
import dev.s2.testing.S2sInjection;
import dev.s2.testing.S2sStall;
import dev.s2.testing.SseCut;
import dev.s2.testing.SseInjection;
import dev.s2.testing.SseSilence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The installed fault rules, consulted for every request and every SSE session. A rule's budget
 * ("times") is spent when the fault is actually applied, so {@link FaultHandle#triggered()} counts
 * real cuts, silences, injections and error answers.
 */
public final class FaultRules {
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final Runnable wake;

  /**
   * @param wake wakes waiting sessions (a cancelled silence lets them go on)
   */
  public FaultRules(Runnable wake) {
    this.wake = wake;
  }

  /** A rule and its handle. */
  abstract class Rule implements FaultHandle {
    final RequestMatcher matcher;
    private int remaining;
    private int triggered;
    private boolean cancelled;

    Rule(RequestMatcher matcher, int times) {
      this.matcher = matcher;
      this.remaining = times;
    }

    /** Spends one application when the rule is active. */
    synchronized boolean tryFire() {
      if (cancelled || remaining == 0) {
        return false;
      }
      if (remaining > 0) {
        remaining--;
      }
      triggered++;
      notifyAll();
      return true;
    }

    @Override
    public synchronized int triggered() {
      return triggered;
    }

    @Override
    public synchronized boolean awaitTriggered(int count, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (triggered < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }

    @Override
    public synchronized boolean active() {
      return !cancelled && remaining != 0;
    }

    @Override
    public void cancel() {
      synchronized (this) {
        cancelled = true;
      }
      rules.remove(this);
      wake.run();
    }

    synchronized boolean cancelled() {
      return cancelled;
    }
  }

  final class ErrorRule extends Rule {
    final InjectedError error;
    final @Nullable Random random;
    final double probability;

    ErrorRule(
        RequestMatcher matcher, int times, InjectedError error, @Nullable Random random, double p) {
      super(matcher, times);
      this.error = error;
      this.random = random;
      this.probability = p;
    }

    boolean draw() {
      if (random == null) {
        return true;
      }
      synchronized (random) {
        return random.nextDouble() < probability;
      }
    }
  }

  final class CutRule extends Rule {
    final SseCut plan;
    final Random random;

    CutRule(RequestMatcher matcher, SseCut plan) {
      super(matcher, plan.times());
      this.plan = plan;
      this.random = new Random(plan.seed());
    }

    long budget() {
      return draw(random, plan.random(), plan.minBytes(), plan.maxBytes());
    }
  }

  final class SilenceRule extends Rule {
    final SseSilence plan;

    SilenceRule(RequestMatcher matcher, SseSilence plan) {
      super(matcher, plan.times());
      this.plan = plan;
    }
  }

  final class InjectRule extends Rule {
    final SseInjection injection;

    InjectRule(RequestMatcher matcher, SseInjection injection) {
      super(matcher, injection.times());
      this.injection = injection;
    }
  }

  final class S2sCutRule extends Rule {
    final S2sCut plan;
    final Random random;

    S2sCutRule(RequestMatcher matcher, S2sCut plan) {
      super(matcher, plan.times());
      this.plan = plan;
      this.random = new Random(plan.seed());
    }

    long budget() {
      return draw(random, plan.random(), plan.min(), plan.max());
    }
  }

  final class S2sInjectRule extends Rule {
    final S2sInjection injection;

    S2sInjectRule(RequestMatcher matcher, S2sInjection injection) {
      super(matcher, injection.times());
      this.injection = injection;
    }
  }

  final class S2sStallRule extends Rule {
    final S2sStall plan;

    S2sStallRule(RequestMatcher matcher, S2sStall plan) {
      super(matcher, plan.times());
      this.plan = plan;
    }
  }

  final class S2sAdviseRule extends Rule {
    final int afterFrames;

    S2sAdviseRule(RequestMatcher matcher, int afterFrames) {
      super(matcher, -1);
      this.afterFrames = afterFrames;
    }
  }

  public FaultHandle addS2sReconnectAdvice(RequestMatcher matcher, int afterFrames) {
    return add(new S2sAdviseRule(matcher, afterFrames));
  }

  public FaultHandle addS2sCut(RequestMatcher matcher, S2sCut cut) {
    return add(new S2sCutRule(matcher, cut));
  }

  public FaultHandle addS2sInjection(RequestMatcher matcher, S2sInjection injection) {
    return add(new S2sInjectRule(matcher, injection));
  }

  public FaultHandle addS2sStall(RequestMatcher matcher, S2sStall stall) {
    return add(new S2sStallRule(matcher, stall));
  }

  /** A cut's budget: {@code min}, or drawn uniformly from {@code [min, max]}. */
  private static long draw(Random random, boolean randomly, long min, long max) {
    if (!randomly || max == min) {
      return min;
    }
    synchronized (random) {
      return min + (long) (random.nextDouble() * (max - min + 1));
    }
  }

  public FaultHandle addError(RequestMatcher matcher, int times, InjectedError error) {
    return add(new ErrorRule(matcher, times, error, null, 1));
  }

  public FaultHandle addRandomError(
      RequestMatcher matcher, InjectedError error, double probability, long seed) {
    return add(new ErrorRule(matcher, -1, error, new Random(seed), probability));
  }

  public FaultHandle addCut(RequestMatcher matcher, SseCut cut) {
    return add(new CutRule(matcher, cut));
  }

  public FaultHandle addSilence(RequestMatcher matcher, SseSilence silence) {
    return add(new SilenceRule(matcher, silence));
  }

  public FaultHandle addInjection(RequestMatcher matcher, SseInjection injection) {
    return add(new InjectRule(matcher, injection));
  }

  private <R extends Rule> R add(R rule) {
    rules.add(rule);
    return rule;
  }

  /** Removes every rule. */
  public void clear() {
    for (Rule r : new ArrayList<>(rules)) {
      r.cancel();
    }
  }

  /** The error to answer instead of handling the request, if a rule says so. */
  public @Nullable InjectedError errorFor(RecordedRequest request) {
    for (Rule r : rules) {
      if (r instanceof ErrorRule && r.matcher.matches(request)) {
        ErrorRule e = (ErrorRule) r;
        if (e.draw() && e.tryFire()) {
          return e.error;
        }
      }
    }
    return null;
  }

  /** What happens to one SSE session, decided when it starts. */
  public static final class SessionPlan {
    @Nullable CutRule cut;
    long cutBudget = Long.MAX_VALUE;
    @Nullable SilenceRule silence;
    final List<InjectRule> injections = new ArrayList<>();
  }

  public SessionPlan planSession(RecordedRequest request) {
    SessionPlan plan = new SessionPlan();
    for (Rule r : rules) {
      if (!r.active() || !r.matcher.matches(request)) {
        continue;
      }
      if (r instanceof CutRule && plan.cut == null) {
        plan.cut = (CutRule) r;
        plan.cutBudget = plan.cut.budget();
      } else if (r instanceof SilenceRule && plan.silence == null) {
        plan.silence = (SilenceRule) r;
      } else if (r instanceof InjectRule) {
        plan.injections.add((InjectRule) r);
      }
    }
    return plan;
  }

  /** What happens to one S2S session, decided when it starts. */
  static final class S2sPlan {
    @Nullable S2sCutRule cut;
    long cutBudget = Long.MAX_VALUE;
    @Nullable S2sStallRule stall;
    @Nullable S2sAdviseRule advise;
    final List<S2sInjectRule> injections = new ArrayList<>();
  }

  S2sPlan planS2sSession(RecordedRequest request) {
    S2sPlan plan = new S2sPlan();
    for (Rule r : rules) {
      if (!r.active() || !r.matcher.matches(request)) {
        continue;
      }
      if (r instanceof S2sCutRule && plan.cut == null) {
        plan.cut = (S2sCutRule) r;
        plan.cutBudget = plan.cut.budget();
      } else if (r instanceof S2sStallRule && plan.stall == null) {
        plan.stall = (S2sStallRule) r;
      } else if (r instanceof S2sAdviseRule && plan.advise == null) {
        plan.advise = (S2sAdviseRule) r;
      } else if (r instanceof S2sInjectRule) {
        plan.injections.add((S2sInjectRule) r);
      }
    }
    return plan;
  }
}
