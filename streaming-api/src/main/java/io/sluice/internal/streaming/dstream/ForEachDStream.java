package io.sluice.internal.streaming.dstream;

import io.sluice.api.function.VoidFunction2;
import io.sluice.core.RDD;
import io.sluice.internal.access.Internals;
import io.sluice.internal.streaming.scheduler.Job;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Time;
import java.util.List;
import java.util.Optional;

/** An output operation: for every RDD of its parent, a job that runs the user's function on the driver. */
public final class ForEachDStream<T> extends DStream<Void> {
  private static final long serialVersionUID = 1L;
  private final DStream<T> parent;
  private final String name;
  private final VoidFunction2<RDD<T>, Time> action;
  private int outputOpId = -1;

  public ForEachDStream(DStream<T> parent, String name, VoidFunction2<RDD<T>, Time> action) {
    super(parent.context());
    this.parent = parent;
    this.name = name;
    this.action = action;
  }

  /** Adds this output operation to the graph; its id is its position in definition order. */
  public void register() {
    outputOpId = Internals.streaming().graph(context()).addOutputStream(this);
  }

  public String name() {
    return name;
  }

  public int outputOpId() {
    return outputOpId;
  }

  @Override
  public Duration slideDuration() {
    return parent.slideDuration();
  }

  @Override
  protected List<DStream<?>> dependencies() {
    return List.of(parent);
  }

  @Override
  protected Optional<RDD<Void>> compute(Time validTime) {
    return Optional.empty();
  }

  /** The job for {@code time}, if the parent has an RDD then (every slide for windows). */
  public Optional<Job> generateJob(Time time) {
    return Internals.dstream().getOrCompute(parent, time)
        .map(rdd -> new Job(time, outputOpId, name, () -> action.call(rdd, time)));
  }

  @Override
  public String toString() {
    return name + " (output op " + outputOpId + ")";
  }
}
