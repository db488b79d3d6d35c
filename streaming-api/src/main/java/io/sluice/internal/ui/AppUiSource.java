package io.sluice.internal.ui;

import java.util.Map;
import java.util.Optional;

/**
 * What one application's UI is rendered from: the live driver (DriverUi) or an event log replayed by
 * the history server. Read on HTTP threads; implementations answer from their current state.
 */
public interface AppUiSource {
  ApplicationInfo app();

  /** Where this UI is reached, for the application JSON; null when unknown. */
  String webUrl();

  /** Executor id to "host:port" (or "in-process"). */
  Map<String, String> executors();

  /** The streaming context's UI state; empty when no StreamingContext has been started. */
  Optional<StreamingUiListener> streaming();
}
