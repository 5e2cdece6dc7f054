package dev.s2.client;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the client says what it does, at debug level: each attempt with its status and time, each retry
 * decision with its reason and wait. Through SLF4J when an SLF4J provider is on the class path (logger
 * {@code dev.s2.client}), else through {@code java.util.logging} (logger {@code dev.s2.client}, level
 * {@code FINE}). Every line is masked before it is written. Off unless that logger's debug level is on.
 */
abstract class CallLog {
  static final String LOGGER = "dev.s2.client";

  abstract boolean enabled();

  abstract void debug(String line);

  abstract void warn(String line, Throwable t);

  /** The SLF4J logger when a provider is there, else java.util.logging's. */
  static CallLog create() {
    try {
      Class.forName("org.slf4j.LoggerFactory");
      CallLog slf4j = Slf4j.create();
      if (slf4j != null) {
        return slf4j;
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // no SLF4J: java.util.logging
    }
    return new Jul(Logger.getLogger(LOGGER));
  }

  /** SLF4J, isolated so that this class loads without it. */
  static final class Slf4j extends CallLog {
    private final org.slf4j.Logger logger;

    private Slf4j(org.slf4j.Logger logger) {
      this.logger = logger;
    }

    /**
     * Null when SLF4J has no provider: its no-op logger would swallow everything, and asking for a logger would
     * print SLF4J's "no providers" warning in an application that never chose SLF4J. Providers are looked up as
     * SLF4J 2 does (a {@code ServiceLoader}), or as SLF4J 1.7's bindings ({@code StaticLoggerBinder}).
     */
    static CallLog create() {
      boolean provider;
      try {
        // SLF4J 2: providers are found by a ServiceLoader (1.7 bindings are ignored by a 2.x API)
        provider = java.util.ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class,
            CallLog.class.getClassLoader()).iterator().hasNext();
      } catch (LinkageError slf4j17) {
        // an SLF4J 1.7 API: its binding is a StaticLoggerBinder
        provider = present("org.slf4j.impl.StaticLoggerBinder");
      }
      return provider ? new Slf4j(org.slf4j.LoggerFactory.getLogger(LOGGER)) : null;
    }

    private static boolean present(String className) {
      try {
        Class.forName(className, false, CallLog.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException e) {
        return false;
      }
    }

    @Override
    boolean enabled() {
      return logger.isDebugEnabled();
    }

    @Override
    void debug(String line) {
      logger.debug(line);
    }

    @Override
    void warn(String line, Throwable t) {
      logger.warn(line, t);
    }
  }

  static final class Jul extends CallLog {
    private final Logger logger;

    Jul(Logger logger) {
      this.logger = logger;
    }

    @Override
    boolean enabled() {
      return logger.isLoggable(Level.FINE);
    }

    @Override
    void debug(String line) {
      logger.fine(line);
    }

    @Override
    void warn(String line, Throwable t) {
      logger.log(Level.WARNING, line, t);
    }
  }
}
