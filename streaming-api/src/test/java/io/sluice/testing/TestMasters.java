package io.sluice.testing;

/**
 * The master the engine's operation tests run on: {@code local[2]} here, and
 * {@code local-cluster[2,1,512]} when the executor module runs the same test classes again with
 * {@code -Dsluice.test.master}.
 */
public final class TestMasters {
  private TestMasters() {}

  public static String operations() {
    return System.getProperty("sluice.test.master", "local[2]");
  }
}
