package io.sluice.internal.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where an executor finds its application's current driver after losing the connection to the
 * previous one: on YARN, the address the next ApplicationMaster attempt publishes in the
 * application's staging directory. Local modes have none: there the executor ends with its driver.
 */
@FunctionalInterface
public interface DriverLocator {
  /** The driver's RPC address as published now, or empty when none is (yet). */
  Optional<InetSocketAddress> find() throws IOException;
}
