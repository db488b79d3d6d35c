/**
 * The network transport between the driver and executor processes.
 *
 * <p>Wire format: every frame is a 4-byte big-endian length followed by that many bytes; the first
 * byte of a frame is its {@link io.sluice.internal.rpc.FrameType}. A connection starts with a
 * handshake of small binary frames (HELLO, or CHALLENGE / AUTH_RESPONSE / AUTH_OK when a secret is
 * configured); only after it do MESSAGE frames (a Kryo-encoded {@code Envelope}) and CHUNK frames
 * (raw stream data) flow. Anything else is a protocol violation: logged at WARN with the peer's
 * address, and that connection (only) is closed.
 *
 * <p>Entry points: {@link io.sluice.internal.rpc.RpcServer#start}, {@link io.sluice.internal.rpc.RpcClient#connect},
 * {@link io.sluice.internal.rpc.RpcHandler}, {@link io.sluice.internal.rpc.StreamSource} and
 * {@link io.sluice.internal.rpc.Secrets}.
 *
 * <p>Threads: Netty event loops only read, write, frame and decode; handler calls, stream reads and
 * the completion of callers' futures run on a bounded pool owned by the server or client.
 */
package io.sluice.internal.rpc;
