package io.sluice.internal.access;

import io.sluice.core.RDD;
import io.sluice.core.SluiceContext;
import io.sluice.core.TaskContext;
import io.sluice.streaming.DStream;
import io.sluice.streaming.StreamingContext;
import io.sluice.streaming.receiver.Receiver;

/**
 * The engine's way to the engine-only members of the public classes ("shared secrets"). Those
 * members are package-private, so users see only the API; each public class installs an accessor
 * for them here from its static initializer, and engine code calls e.g.
 * {@code Internals.rdd().dependencies(rdd)}.
 *
 * <p>A getter first initializes the public class, so an accessor is there even before the first
 * instance of its class exists.
 */
public final class Internals {
  private static volatile RddAccess rdd;
  private static volatile ContextAccess context;
  private static volatile StreamingAccess streaming;
  private static volatile DStreamAccess dstream;
  private static volatile ReceiverAccess receiver;
  private static volatile TaskContextAccess taskContext;

  private Internals() {}

  public static RddAccess rdd() {
    return rdd != null ? rdd : initialized(RDD.class, () -> rdd);
  }

  public static ContextAccess context() {
    return context != null ? context : initialized(SluiceContext.class, () -> context);
  }

  public static StreamingAccess streaming() {
    return streaming != null ? streaming : initialized(StreamingContext.class, () -> streaming);
  }

  public static DStreamAccess dstream() {
    return dstream != null ? dstream : initialized(DStream.class, () -> dstream);
  }

  public static ReceiverAccess receiver() {
    return receiver != null ? receiver : initialized(Receiver.class, () -> receiver);
  }

  public static TaskContextAccess taskContext() {
    return taskContext != null ? taskContext : initialized(TaskContext.class, () -> taskContext);
  }

  public static void install(RddAccess access) {
    rdd = once(rdd, access);
  }

  public static void install(ContextAccess access) {
    context = once(context, access);
  }

  public static void install(StreamingAccess access) {
    streaming = once(streaming, access);
  }

  public static void install(DStreamAccess access) {
    dstream = once(dstream, access);
  }

  public static void install(ReceiverAccess access) {
    receiver = once(receiver, access);
  }

  public static void install(TaskContextAccess access) {
    taskContext = once(taskContext, access);
  }

  private static <A> A once(A installed, A access) {
    if (installed != null) {
      throw new IllegalStateException("An accessor of type " + installed.getClass().getName()
          + " is already installed");
    }
    return access;
  }

  private static <A> A initialized(Class<?> owner, java.util.function.Supplier<A> accessor) {
    try {
      Class.forName(owner.getName(), true, owner.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    A access = accessor.get();
    if (access == null) {
      throw new IllegalStateException(owner.getName() + " did not install its accessor");
    }
    return access;
  }
}
