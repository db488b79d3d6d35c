package io.sluice.internal.streaming;

import io.sluice.core.RDD;
import io.sluice.core.SluiceException;
import io.sluice.internal.access.Internals;
import io.sluice.internal.streaming.dstream.ForEachDStream;
import io.sluice.internal.streaming.dstream.InputSource;
import io.sluice.internal.streaming.scheduler.Job;
import io.sluice.streaming.DStream;
import io.sluice.streaming.Duration;
import io.sluice.streaming.Time;
import io.sluice.internal.util.Unchecked;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's streams: inputs, output operations (in definition order) and everything between.
 * Defined before start on the user's thread; afterwards used by the job generator's thread.
 */
public final class DStreamGraph implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(DStreamGraph.class);

  private final Duration batchDuration;
  private final List<InputSource> inputs = new ArrayList<>();
  private final List<ForEachDStream<?>> outputs = new ArrayList<>();
  private Duration rememberDuration;
  private Time zeroTime;
  private Time startTime;

  public DStreamGraph(Duration batchDuration) {
    this.batchDuration = batchDuration;
  }

  public Duration batchDuration() {
    return batchDuration;
  }

  /** Adds the input made for the next input id (ids are positions in the list, from 0); returns it. */
  public synchronized <S extends InputSource> S addInputStream(IntFunction<S> inputWithId) {
    S input = inputWithId.apply(inputs.size());
    inputs.add(input);
    return input;
  }

  public synchronized int addOutputStream(ForEachDStream<?> output) {
    Internals.streaming().checkDefinable(output.context(), "add an output operation");
    outputs.add(output);
    return outputs.size() - 1;
  }

  public synchronized List<InputSource> inputs() {
    return List.copyOf(inputs);
  }

  public synchronized List<ForEachDStream<?>> outputs() {
    return List.copyOf(outputs);
  }

  public synchronized void remember(Duration duration) {
    rememberDuration = duration;
  }

  /** The batch before the first batch: windows and slides are aligned to it. */
  public synchronized Time zeroTime() {
    return zeroTime;
  }

  /** The time of the first batch. */
  public synchronized Time startTime() {
    return startTime;
  }

  /** Checks what can be checked before anything runs. */
  public synchronized void validate() {
    if (outputs.isEmpty()) {
      throw new SluiceException("No output operations registered, so nothing to execute: add print(), "
          + "foreachRDD() or saveAs*Files() to a DStream before start()");
    }
  }

  /** Aligns every stream to {@code zero} (the batch before {@code zero + batch}) and starts the inputs. */
  public synchronized void start(Time zero) {
    zeroTime = zero;
    startTime = zero.plus(batchDuration);
    for (ForEachDStream<?> out : outputs) {
      Internals.dstream().initialize(out, zero);
    }
    for (ForEachDStream<?> out : outputs) {
      Internals.dstream().remember(out, rememberDuration);
    }
    for (ForEachDStream<?> out : outputs) {
      Internals.dstream().validateAtStart(out);
    }
    for (InputSource input : inputs) {
      input.start();
    }
  }

  /**
   * Starts the inputs of a graph recovered from a checkpoint: streams keep the zero time and
   * settings they were started with; file streams keep the files they had seen.
   */
  public synchronized void restart() {
    for (InputSource input : inputs) {
      input.start();
    }
  }

  /** Records each stream's saved RDDs; called on the generator thread before writing a checkpoint. */
  public void updateCheckpointData() {
    for (DStream<?> stream : allStreams()) {
      Internals.dstream().updateCheckpointData(stream);
    }
  }

  /** Rebinds every stream of a deserialized graph to the recovering context. */
  public void restoreFromCheckpoint(io.sluice.streaming.StreamingContext context) {
    for (DStream<?> stream : allStreams()) {
      Internals.dstream().restoreFromCheckpoint(stream, context);
    }
  }

  public synchronized void stop() {
    for (InputSource input : inputs) {
      input.stop();
    }
  }

  /**
   * One job per output operation that has an RDD at {@code time}, in definition order. A failure to
   * build an operation's RDD becomes a job that fails with that error, so the batch reports it.
   */
  public List<Job> generateJobs(Time time) {
    List<Job> jobs = new ArrayList<>();
    for (ForEachDStream<?> out : outputs()) {
      try {
        out.generateJob(time).ifPresent(jobs::add);
      } catch (RuntimeException e) {
        log.error("Error generating the job of {} for time {}", out, time, e);
        jobs.add(new Job(time, out.outputOpId(), out.name(), () -> {
          throw Unchecked.rethrow(e);
        }));
      }
    }
    return jobs;
  }

  /** Forgets RDDs no window, state or remember() needs after the batch at {@code time}; returns them. */
  public List<RDD<?>> clearMetadata(Time time) {
    List<RDD<?>> dropped = new ArrayList<>();
    for (ForEachDStream<?> out : outputs()) {
      dropped.addAll(Internals.dstream().clearMetadata(out, time));
    }
    return dropped;
  }

  /** Every RDD some stream still remembers. */
  public List<RDD<?>> rememberedRdds() {
    List<RDD<?>> all = new ArrayList<>();
    for (DStream<?> stream : allStreams()) {
      all.addAll(Internals.dstream().generatedRdds(stream).values());
    }
    return all;
  }

  /** The longest time any stream remembers its RDDs. */
  public Duration maxRememberDuration() {
    Duration max = batchDuration;
    for (DStream<?> stream : allStreams()) {
      Duration remember = Internals.dstream().rememberDuration(stream);
      if (remember != null && remember.compareTo(max) > 0) {
        max = remember;
      }
    }
    return max;
  }

  /** Every stream reachable from the output operations, each once. */
  public List<DStream<?>> allStreams() {
    Set<DStream<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<DStream<?>> order = new ArrayList<>();
    List<DStream<?>> stack = new ArrayList<>(outputs());
    while (!stack.isEmpty()) {
      DStream<?> s = stack.remove(stack.size() - 1);
      if (seen.add(s)) {
        order.add(s);
        stack.addAll(Internals.dstream().dependencies(s));
      }
    }
    return order;
  }
}
