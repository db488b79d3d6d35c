package io.sluice.internal.serializer;

/**
 * What a serializer is used for. The role decides how strict Kryo is and how failures read: a
 * closure that cannot be shipped is reported the way users expect ("Task not serializable").
 */
enum SerializerRole {
  /** Records in shuffles, blocks and results: Kryo accepts classes that are not Serializable. */
  DATA("Could not serialize data"),
  /** Tasks and user functions: every class in the graph must be Serializable (or a JDK type Kryo knows). */
  CLOSURE("Task not serializable");

  private final String failurePrefix;

  SerializerRole(String failurePrefix) {
    this.failurePrefix = failurePrefix;
  }

  String failurePrefix() {
    return failurePrefix;
  }
}
