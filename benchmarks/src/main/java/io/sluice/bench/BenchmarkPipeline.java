package io.sluice.bench;

import io.sluice.streaming.DStream;

/** What a socket benchmark runs on the lines it receives: its transformations and outputs. */
interface BenchmarkPipeline {
  /**
   * Defines the transformations and output operations on {@code lines}; called once, before the
   * context starts.
   */
  void define(DStream<String> lines);

  /**
   * Words the output operations have counted so far. Once it reaches the words written, the
   * stream has taken in everything, even should the engine count a batch's records differently.
   */
  long wordsCounted();
}
