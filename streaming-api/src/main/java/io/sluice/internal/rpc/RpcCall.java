package io.sluice.internal.rpc;

/** A request delivered to {@link RpcHandler#receive}: the message and the connection it came over. */
public record RpcCall(Object message, RpcPeer from) {}
