package io.sluice.client.it;

/**
 * Reaches containers only through {@code --jars}: {@link YarnStreamingIT} packs it into a jar and has
 * Kryo register it ({@code sluice.kryo.classesToRegister}), which the driver and every executor do at
 * startup, failing if the class is not on their classpath. Test classes are a directory, which the
 * client never ships as a runtime jar. No fields, so registering it loads nothing else.
 */
public final class ExtraJarMarker {}
