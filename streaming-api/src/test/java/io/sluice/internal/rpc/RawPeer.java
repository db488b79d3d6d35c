package io.sluice.internal.rpc;

import io.netty.buffer.ByteBuf;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A hand-driven socket for feeding a server bytes no RpcClient would send. Public (and in the test
 * jar) so tests of other modules can attack real driver and executor ports; they cannot see the
 * package-private protocol classes, so everything they need is offered here.
 */
public final class RawPeer implements Closeable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  RawPeer(int port) throws IOException {
    this(new InetSocketAddress(TestEndpoints.HOST, port));
  }

  public RawPeer(InetSocketAddress server) throws IOException {
    socket = new Socket(server.getAddress(), server.getPort());
    socket.setSoTimeout(5000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Our end of the connection: what the server's log calls this peer. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** One frame's body (its first byte is the frame type), without the length prefix. */
  public byte[] readFrame() throws IOException {
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

  public RawPeer writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Half-closes: the server sees end of stream, we can still read what it sends and whether it closes. */
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Completes the handshake the way a correct client does. */
  RawPeer authenticate(byte[] secret) throws IOException {
    String reply = answerChallengeWith(secret);
    if (!reply.equals(FrameType.name(FrameType.AUTH_OK))) {
      throw new AssertionError("authentication failed: the server answered " + reply);
    }
    return this;
  }

  /**
   * Reads the server's CHALLENGE and answers it with a correctly computed HMAC proof of
   * {@code secret} (the right one, or a wrong one to test rejection); returns the name of the frame
   * type the server answered with ({@code "AUTH_OK"} or {@code "AUTH_REJECTED"}).
   */
  public String answerChallengeWith(byte[] secret) throws IOException {
    byte[] challenge = readFrame();
    if (challenge[0] != FrameType.CHALLENGE) {
      throw new AssertionError("expected a challenge, got " + FrameType.name(challenge[0]));
    }
    byte[] serverNonce = Arrays.copyOfRange(challenge, 2, 2 + AuthProtocol.NONCE_BYTES);
    byte[] clientNonce = AuthProtocol.nonce();
    byte[] proof = AuthProtocol.clientProof(secret, serverNonce, clientNonce);
    byte[] body = new byte[clientNonce.length + proof.length];
    System.arraycopy(clientNonce, 0, body, 0, clientNonce.length);
    System.arraycopy(proof, 0, body, clientNonce.length, proof.length);
    writeFrame(FrameType.AUTH_RESPONSE, body);
    return FrameType.name(readFrame()[0]);
  }

  /** Reads the server's first frame and returns its type's name ({@code "CHALLENGE"} when it authenticates). */
  public String readGreeting() throws IOException {
    return FrameType.name(readFrame()[0]);
  }

  /**
   * The complete wire bytes (length prefix included) of a well-formed MESSAGE frame carrying
   * {@code body} as a request, exactly as an authenticated RpcClient would send it.
   */
  public static byte[] requestFrame(Object body) {
    MessageCodec codec = new MessageCodec(MessageCodec.defaultSerializer(), RpcSettings.DEFAULT_MAX_FRAME_BYTES);
    return bytesOf(codec.encode(new Envelope.Request(1, body)));
  }

  /** True when the server closes the connection (EOF or reset) within the wait, after discarding what it sent. */
  public boolean closedByServerWithin(Duration wait) throws IOException {
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
