package io.sluice.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The batch timer when the driver's wall clock jumps (an NTP step, a VM resumed): batch times stay
 * on the grid of the batch interval, each one once and in order. A step forward fires the skipped
 * multiples at once (the missed batches are generated, as after a long GC pause); a step back fires
 * nothing until the clock reaches the next multiple again, so no batch time repeats.
 */
@Timeout(30)
class RecurringTimerTest {
  private static final long PERIOD = 1_000;
  private static final long WAIT_MS = 10_000;

  private final ManualClock clock = new ManualClock(0);
  private final List<Long> fired = new CopyOnWriteArrayList<>();
  private final RecurringTimer timer = new RecurringTimer(clock, PERIOD, fired::add, "test-timer");

  @Test
  void aStepForwardFiresEverySkippedMultipleOnceInOrder() throws Exception {
    timer.start(timer.firstStartTime());
    clock.awaitWaiter(1_000, WAIT_MS);
    clock.advance(1_000);
    clock.awaitWaiter(2_000, WAIT_MS);
    assertEquals(List.of(1_000L), fired);

    clock.setTime(5_500); // the wall clock steps 3.5 s ahead
    clock.awaitWaiter(6_000, WAIT_MS);
    assertEquals(List.of(1_000L, 2_000L, 3_000L, 4_000L, 5_000L), fired);
    timer.stop(true);
  }

  @Test
  void aStepBackRepeatsNoTimeAndResumesAtTheNextMultiple() throws Exception {
    timer.start(timer.firstStartTime());
    clock.awaitWaiter(1_000, WAIT_MS);
    clock.setTime(3_200);
    clock.awaitWaiter(4_000, WAIT_MS);
    assertEquals(List.of(1_000L, 2_000L, 3_000L), fired);

    clock.setTime(1_500); // the wall clock steps 1.7 s back
    clock.advance(2_400); // 3,900: still before the next multiple
    clock.awaitWaiter(4_000, WAIT_MS);
    assertEquals(List.of(1_000L, 2_000L, 3_000L), fired, "nothing fires again for times already fired");

    clock.advance(100);
    clock.awaitWaiter(5_000, WAIT_MS);
    assertEquals(List.of(1_000L, 2_000L, 3_000L, 4_000L), fired);
    timer.stop(true);
  }
}
