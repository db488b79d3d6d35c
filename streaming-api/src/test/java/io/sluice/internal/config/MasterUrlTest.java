package io.sluice.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import org.junit.jupiter.api.Test;

class MasterUrlTest {
  @Test
  void parsesEveryForm() {
    assertEquals(new MasterUrl.Local(1), MasterUrl.parse("local"));
    assertEquals(new MasterUrl.Local(4), MasterUrl.parse("local[4]"));
    assertEquals(new MasterUrl.Local(Runtime.getRuntime().availableProcessors()), MasterUrl.parse("local[*]"));
    assertEquals(new MasterUrl.LocalCluster(2, 1, 512), MasterUrl.parse("local-cluster[2, 1, 512]"));
    assertEquals(new MasterUrl.Yarn(), MasterUrl.parse("yarn"));
  }

  @Test
  void rejectsOtherFormsNamingTheUrlAndTheAcceptedOnes() {
    for (String bad : new String[] {"", "local[0]", "local[x]", "spark://host:7077", "local-cluster[2,1]", "yarn-client"}) {
      SluiceException e = assertThrows(SluiceException.class, () -> MasterUrl.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("local[N]"), e.getMessage());
    }
  }
}
