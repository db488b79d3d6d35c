package io.sluice.internal.ui;

/** What the UI says about the application itself; {@code startTime} is wall-clock ms since the epoch. */
public record ApplicationInfo(String appName, String master, long startTime) {}
