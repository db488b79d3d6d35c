package io.sluice.examples.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineServerTest {
  @Test
  void servesItsLinesInOrderToEachClientOverLoopback() throws IOException {
    List<String> lines = List.of("one two", "three");
    try (LineServer server = new LineServer(lines, 200)) {
      assertEquals("127.0.0.1", server.host());
      for (int client = 0; client < 2; client++) {
        try (Socket socket = new Socket(server.host(), server.port());
             BufferedReader in = reader(socket)) {
          assertEquals("one two", in.readLine());
          assertEquals("three", in.readLine());
          assertEquals("one two", in.readLine());
        }
      }
    }
  }

  @Test
  void closeDisconnectsClients() throws IOException {
    Socket socket;
    BufferedReader in;
    try (LineServer server = new LineServer()) {
      socket = new Socket(server.host(), server.port());
      in = reader(socket);
      assertTrue(LineServer.SAMPLE_LINES.contains(in.readLine()));
    }
    try (socket) {
      // Lines already in flight, then the end of the stream; a read timeout fails the test.
      while (in.readLine() != null) {
        continue;
      }
    } catch (SocketException reset) {
      // a reset also shows the server hung up
    }
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }
}
