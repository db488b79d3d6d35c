package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** A hand-driven socket for feeding a server bytes no RpcClient would send. */
final class RawPeer implements Closeable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  RawPeer(int port) throws IOException {
    socket = new Socket(TestEndpoints.HOST, port);
    socket.setSoTimeout(5000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  byte[] readFrame() throws IOException {
    byte[] frame = new byte[in.readInt()];
    in.readFully(frame);
    return frame;
  }

  RawPeer writeFrame(byte type, byte[] body) throws IOException {
    out.writeInt(body.length + 1);
    out.writeByte(type);
    out.write(body);
    out.flush();
    return this;
  }

  RawPeer writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Completes the handshake the way a correct client does. */
  RawPeer authenticate(byte[] secret) throws IOException {
    byte[] challenge = readFrame();
    if (challenge[0] != FrameType.CHALLENGE) {
      throw new AssertionError("expected a challenge, got type " + challenge[0]);
    }
    byte[] serverNonce = Arrays.copyOfRange(challenge, 2, 2 + AuthProtocol.NONCE_BYTES);
    byte[] clientNonce = AuthProtocol.nonce();
    byte[] proof = AuthProtocol.clientProof(secret, serverNonce, clientNonce);
    byte[] body = new byte[clientNonce.length + proof.length];
    System.arraycopy(clientNonce, 0, body, 0, clientNonce.length);
    System.arraycopy(proof, 0, body, clientNonce.length, proof.length);
    writeFrame(FrameType.AUTH_RESPONSE, body);
    byte[] ok = readFrame();
    if (ok[0] != FrameType.AUTH_OK) {
      throw new AssertionError("authentication failed: frame type " + ok[0]);
    }
    return this;
  }

  /** True when the server closes the connection (EOF or reset) within the wait, after discarding what it sent. */
  boolean closedByServerWithin(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    byte[] sink = new byte[8192];
    try {
      while (in.read(sink) >= 0) {
        // drain the greeting and anything else the server sent before closing
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // connection reset: the server closed while our bytes were unread
    }
  }

  static byte[] bytesOf(ByteBuf frame) {
    try {
      byte[] bytes = new byte[frame.readableBytes()];
      frame.readBytes(bytes);
      return bytes;
    } finally {
      frame.release();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
