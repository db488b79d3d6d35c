package io.sluice.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The history server's page of an application, given as the final tracking URL. */
class FinalTrackingUrlTest {

  @Test
  void namesTheApplicationOnTheHistoryServer() {
    assertEquals("http://hs.example.com:18080/history/application_17_0001/",
        ApplicationMaster.historyUrl("hs.example.com:18080", "application_17_0001"));
    assertEquals("https://hs:443/history/application_17_0001/",
        ApplicationMaster.historyUrl("https://hs:443/", "application_17_0001"), "a scheme and a slash are kept as given");
  }
}
