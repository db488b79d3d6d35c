/**
 * Serialization of records, tasks and user functions.
 *
 * <p>Entry point: {@link io.sluice.internal.serializer.Serializers}, which returns a thread-safe
 * {@link io.sluice.internal.serializer.Serializer} per {@code sluice.serializer}:
 * {@link io.sluice.internal.serializer.KryoSerializer} (default) or
 * {@link io.sluice.internal.serializer.JdkSerializer}. Two roles exist: data (shuffle records,
 * blocks, results; with Kryo, classes need not be Serializable) and closures (tasks and user
 * functions; strict, so a function that cannot be shipped fails when the job is built, naming the
 * class).
 *
 * <p>Beyond plain Java serialization, both implementations carry {@code java.util.Optional} and
 * non-Serializable JDK views such as {@code HashMap.keySet()} (which arrive as detached copies).
 * Kryo uses Java serialization for classes that define writeObject/readObject/writeReplace/
 * readResolve and for exceptions, so their own logic runs. The Kryo implementation expects the JVM
 * flags in {@code jvm-opens.txt} (next to {@code JvmOptions}); without them lambdas and some JDK types fall back to
 * slower paths and Kryo logs a warning.
 */
package io.sluice.internal.serializer;
