/**
 * Small, complete Sluice Streaming programs that follow the examples of the Spark Streaming
 * Programming Guide. Each is a {@code main} class run with {@code bin/sluice-run-example NAME
 * [args]}; the master is {@code local[2]} unless {@code SLUICE_MASTER} (or
 * {@code -Dsluice.master=...}) says otherwise.
 *
 * <ul>
 *   <li>{@link io.sluice.examples.NetworkWordCount} — the Quick Example: word counts of the lines
 *       read from a TCP socket, printed every second ({@code --demo} serves its own lines).
 *   <li>{@link io.sluice.examples.QueueStream} — a stream fed from a queue of RDDs, the guide's
 *       way of testing with prepared data.
 *   <li>{@link io.sluice.examples.FileWordCount} — word counts of the text files moved into a
 *       directory ({@code textFileStream}).
 *   <li>{@link io.sluice.examples.RecoverableFileWordCount} — per-batch counts and running totals
 *       of the files in a directory, saved as files, recovered from its checkpoint after a restart.
 * </ul>
 *
 * <p>The batch output goes to standard output and logging to standard error, so
 * {@code 2>/dev/null} leaves just the {@code print()} output.
 */
package io.sluice.examples;
