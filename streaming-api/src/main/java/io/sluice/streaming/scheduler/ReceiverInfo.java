package io.sluice.streaming.scheduler;

/** The state of one receiver; {@code lastError} is empty when there was none. */
public record ReceiverInfo(int streamId, String name, boolean active, String location, String lastError) {}
