package io.sluice.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceConf;
import io.sluice.core.SluiceContext;
import io.sluice.core.SluiceException;
import io.sluice.streaming.Durations;
import io.sluice.streaming.StreamingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting and stopping a local-cluster application: processes come and go with it. */
class LocalClusterLifecycleTest {

  @Test
  void stoppingTheContextEndsEveryExecutorProcess() throws Exception {
    SluiceContext sc = new SluiceContext(new SluiceConf(false).setMaster("local-cluster[2,1,256]")
        .setAppName("lifecycle").set("sluice.ui.enabled", "false"));
    List<ProcessHandle> children = ProcessHandle.current().children().toList();
    assertEquals(2, children.size(), "one process per executor");
    assertEquals(10, sc.parallelize(List.of(1, 2, 3, 4), 2).reduce(Integer::sum));
    sc.stop();
    for (ProcessHandle child : children) {
      child.onExit().get(15, TimeUnit.SECONDS);
    }
    assertTrue(ProcessHandle.current().children().findAny().isEmpty());
  }

  @Test
  void tooFewCoresForTheReceiversFailsAtStartWithTheReason() {
    StreamingContext ssc = new StreamingContext(new SluiceConf(false).setMaster("local-cluster[1,1,256]")
        .setAppName("too-few-cores").set("sluice.ui.enabled", "false"), Durations.seconds(1));
    try {
      ssc.socketTextStream("127.0.0.1", 9).print();
      SluiceException e = assertThrows(SluiceException.class, ssc::start);
      assertTrue(e.getMessage().contains("Not enough cores: 1 receiver(s)"), e.getMessage());
      assertTrue(e.getMessage().contains("local-cluster[2,1,1024]"), e.getMessage());
    } finally {
      ssc.stop(true);
    }
  }

  @Test
  void aMasterWithAnImpossibleExecutorFailsNamingTheProblem() {
    SluiceException e = assertThrows(SluiceException.class, () -> new SluiceContext(new SluiceConf(false)
        .setMaster("local-cluster[1,1,1]").setAppName("tiny").set("sluice.ui.enabled", "false")));
    assertTrue(e.getMessage().contains("An executor failed to start: executor exec-1 process"), e.getMessage());
    assertTrue(e.getMessage().contains("heap"), "the JVM's own complaint is passed on: " + e.getMessage());
    assertTrue(SluiceContext.active().isEmpty(), "a failed start leaves no active context");
  }
}
